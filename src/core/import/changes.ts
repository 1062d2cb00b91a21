import type { BaseRunOptions, ImportRecordRow, RunStore } from './run-store.js'

export type Action = 'create' | 'update' | 'delete' | 'unchanged'

/** One record of a run's change list: what the run did (or, dry, would do) to it, with the fields an update changes. */
export interface RecordChange {
  action: Action
  resource: string
  remote_id: number | null
  local_id: number | null
  /** The changed fields of an update (element names, tags, property terms, `o:` fields…). */
  changes: string[] | null
  message: string | null
}

const ACTIONS: Record<string, Action> = {
  created: 'create',
  would_create: 'create',
  updated: 'update',
  would_update: 'update',
  deleted: 'delete',
  would_delete: 'delete',
  unchanged: 'unchanged',
}

/** A run's record log as a change list: create / update (with its fields) / delete / unchanged, per record. */
export function changeList<R extends string, O extends BaseRunOptions>(
  store: RunStore<R, O>,
  runId: number,
): RecordChange[] {
  const out: RecordChange[] = []
  for (let page = 1; ; page++) {
    const { rows } = store.searchRecords({ runId }, page, 1000)
    out.push(...rows.flatMap(toChange))
    if (rows.length < 1000) return out
  }
}

function toChange(r: ImportRecordRow): RecordChange[] {
  const action = ACTIONS[r.outcome]
  if (!action) return []
  return [
    {
      action,
      resource: r.resource,
      remote_id: r.remoteId,
      local_id: r.localId,
      changes: r.changes,
      message: r.message,
    },
  ]
}

/** Ids as short ranges: `1-14, 16`. */
function ranges(ids: readonly number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b)
  const parts: string[] = []
  for (let i = 0; i < sorted.length; ) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`)
    i = j + 1
  }
  return parts.join(', ')
}

/**
 * The change list as lines a reader scans: one line per created, updated (with its fields) or deleted
 * record, then the unchanged ones of each resource as id ranges (origin ids).
 */
export function formatChangeList(list: readonly RecordChange[], dry: boolean): string {
  const verb: Record<Exclude<Action, 'unchanged'>, string> = dry
    ? { create: 'would create', update: 'would update', delete: 'would delete' }
    : { create: 'created', update: 'updated', delete: 'deleted' }
  const lines: string[] = []
  const unchanged = new Map<string, number[]>()
  // Updates that change no compared field (a mirror after a merge import rewrites every record once: the mode
  // is part of the content hash): said so, as id ranges, instead of a bare "update" line per record.
  const rewritten = new Map<string, number[]>()
  for (const c of list) {
    if (c.action === 'unchanged') {
      if (c.remote_id !== null) unchanged.set(c.resource, [...(unchanged.get(c.resource) ?? []), c.remote_id])
      continue
    }
    if (c.action === 'update' && !c.changes?.length && c.remote_id !== null) {
      rewritten.set(c.resource, [...(rewritten.get(c.resource) ?? []), c.remote_id])
      continue
    }
    // A record without ids is one of its kind (the site information) or a local one (a tag).
    const id = c.remote_id !== null ? ` #${c.remote_id}` : c.local_id !== null ? ` local #${c.local_id}` : ''
    const here = c.remote_id !== null && c.local_id !== null && c.action !== 'create' ? ` (here #${c.local_id})` : ''
    const fields = c.action === 'update' && c.changes?.length ? `: ${c.changes.join(', ')}` : ''
    lines.push(`  ${verb[c.action]} ${c.resource}${id}${here}${fields}`)
  }
  const rewrite = dry ? 'would rewrite' : 'rewrote'
  for (const [resource, ids] of rewritten)
    lines.push(`  ${rewrite} ${resource} (${ids.length}), no field differs: ${ranges(ids)}`)
  for (const [resource, ids] of unchanged) lines.push(`  unchanged ${resource} (${ids.length}): ${ranges(ids)}`)
  const head = dry ? 'Dry run, per record (origin ids):' : 'Per record (origin ids):'
  return [head, ...(lines.length ? lines : ['  nothing'])].join('\n')
}
