import type { IdMap } from './id-map.js'

/** A listed `modified` (an ISO string, Classic's `Y-m-d H:i:s` in UTC, or PHP's serialised DateTime) in ms; null when unreadable. */
export function modifiedMs(v: unknown): number | null {
  const d = v as { date?: unknown; timezone?: unknown } | null
  // return_scalar on a DateTime field gives json_encode's form: {"date": "2024-01-01 00:00:00.000000", "timezone": "UTC", …}.
  const s = typeof v === 'string' ? v : typeof d?.date === 'string' && d.timezone === 'UTC' ? `${d.date}Z` : null
  if (s === null) return null
  const ms = Date.parse(
    /^\d{4}-\d\d-\d\d \d/.test(s) ? s.replace(' ', 'T') + (/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? '' : 'Z') : s,
  )
  return Number.isNaN(ms) ? null : ms
}

/**
 * The records an incremental run must read besides those its `modified` bound found: from the origin's
 * listing of ids and `modified` dates, every id not mapped here, or whose listed date differs from the
 * local record's (written with the origin's date) in either direction (an origin restored from a backup
 * goes back in time), or whose local record is gone. `read` are the ids the run already read.
 */
export function staleIds<R extends string>(
  map: IdMap<R>,
  resource: R,
  listing: ReadonlyMap<number, unknown>,
  localModified: (localIds: readonly number[]) => Map<number, string | null>,
  read: ReadonlySet<number>,
): number[] {
  const ids = [...listing.keys()].filter((id) => !read.has(id))
  const entries = map.lookup(resource, ids)
  const local = localModified([...entries.values()].map((e) => e.localId))
  return ids.filter((id) => {
    const e = entries.get(id)
    if (!e || !local.has(e.localId)) return true
    // No date at the origin (never modified): nothing to compare; its content hash decides on a full run.
    const there = modifiedMs(listing.get(id))
    return there !== null && there !== modifiedMs(local.get(e.localId))
  })
}
