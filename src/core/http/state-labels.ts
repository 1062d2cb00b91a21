/**
 * Names for database states that come back: a reset to a fixture's template gives exactly the state the
 * template was made from, however often it is repeated. A cache keyed by such a name instead of the
 * database's stamp finds what it made the last time the server was in that state, so the first requests
 * after a reset are warm again. A stamp (total_changes, data_version, schema_version) never repeats, so a
 * name holds only until the next write moves the stamp.
 */
const labels = new WeakMap<object, { stamp: string; label: string }>()

/** The prefix every state name has (caches keep such states beside the current one). */
export const STATE_LABEL_PREFIX = 'state:'

/** Records that `connection`, at `stamp`, holds the state called `name`. */
export function labelState(connection: object, stamp: string, name: string): void {
  labels.set(connection, { stamp, label: `${STATE_LABEL_PREFIX}${name}` })
}

/** The state's name while `connection` is still at the labelled stamp; else the stamp itself. */
export function stateKey(connection: object, stamp: string): string {
  const l = labels.get(connection)
  return l && l.stamp === stamp ? l.label : stamp
}
