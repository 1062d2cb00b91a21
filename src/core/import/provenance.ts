/**
 * Provenance of imported values. The identity map remembers, per record, the fingerprints of the
 * values the import last wrote there. A merge re-import then tells the values that came from the
 * origin (they go: the origin's current values replace them, so a value deleted at the origin is
 * deleted here) from the values a local user added (they stay).
 */

/** A value's identity: what it says, never where it is stored. */
export const fingerprint = (parts: readonly unknown[]): string => JSON.stringify(parts)

/**
 * The local values a merge keeps: each one an earlier import did not write. `previous` is a multiset
 * (a value imported twice and added once more here keeps the local copy). Without a record of
 * provenance (records imported before it was kept), `fallback` decides.
 */
export function localAdditions<T>(
  local: readonly T[],
  previous: readonly string[] | null,
  fp: (v: T) => string,
  fallback: (v: T) => boolean,
): T[] {
  if (previous === null) return local.filter(fallback)
  const imported = new Map<string, number>()
  for (const f of previous) imported.set(f, (imported.get(f) ?? 0) + 1)
  return local.filter((v) => {
    const f = fp(v)
    const n = imported.get(f) ?? 0
    if (n === 0) return true
    imported.set(f, n - 1)
    return false
  })
}
