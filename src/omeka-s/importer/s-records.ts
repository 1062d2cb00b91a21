import { nextId } from '../db/client.js'
import { contentHash } from '../../core/import/content-hash.js'
import type { Deps } from '../deps.js'
import type { RunCtx } from './context.js'
import type { MapEntry } from './id-map.js'
import type { ImportResource, RecordLog } from './runs.repo.js'

export type Json = Record<string, unknown>
/** Now in the stored format (`c`, UTC): a record the origin sends without a date. */
export const nowStored = (): string => new Date().toISOString().replace(/\.\d+Z$/, '+00:00')

/** The undo and mirror reason for a record changed here after the import (`force` overrides only this one). */
export const EDITED_HERE = 'Edited locally after the import'

/** The hash of a mapped record (local ids included: a remapped link is a change), per mode. */
export const recordHash = (ctx: RunCtx, mapped: unknown): string => `${contentHash(mapped)}:${ctx.run.options.mode}`

/** The tables whose ids the importer hands out, with their sequence (whitelist: never built from input). */
const TABLES = { resource: 'resources', site: 'sites', site_page: 'site_pages', asset: 'assets' } as const

/** Mirror mode keeps the origin's id when it is free here; otherwise the next id of the table's sequence. */
export function claimId(ctx: RunCtx, table: keyof typeof TABLES, remoteId: number): number {
  const { db } = ctx.deps
  const sequence = TABLES[table]
  if (ctx.run.options.mode !== 'mirror' || db.$client.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(remoteId))
    return nextId(db, sequence)
  const bumped = db.$client
    .prepare('UPDATE sequence SET next = MAX(next, ?) WHERE name = ?')
    .run(remoteId + 1, sequence)
  if (!bumped.changes) db.$client.prepare('INSERT INTO sequence (name, next) VALUES (?, ?)').run(sequence, remoteId + 1)
  return remoteId
}

/** What a run does with one record. */
export interface Decision {
  outcome: 'unchanged' | 'created' | 'updated'
  /** The local id to update (null: create). */
  existing: number | null
  message: string | null
}

/**
 * Unchanged when the hash matches and the local record still exists (a merge keeps a local edit, a
 * mirror rewrites it); updated when the local record exists; else created. `stamp` is the local
 * record's modified date or fingerprint, undefined when the record is gone.
 */
export function decide(
  ctx: RunCtx,
  entry: MapEntry | undefined,
  stamp: string | null | undefined,
  hash: string,
): Decision {
  const exists = !!entry && stamp !== undefined
  const editedHere = exists && stamp !== entry.localModified
  if (exists && entry.hash === hash && !(editedHere && ctx.run.options.mode === 'mirror'))
    return {
      outcome: 'unchanged',
      existing: entry.localId,
      message: editedHere ? 'Edited locally since the last import; kept' : null,
    }
  return { outcome: exists ? 'updated' : 'created', existing: exists ? entry.localId : null, message: null }
}

/** The log row of a decision in a dry run (nothing written). */
export function dryRunLog(
  resource: ImportResource,
  remoteId: number,
  entry: MapEntry | undefined,
  d: Decision,
): RecordLog {
  return {
    resource,
    remoteId,
    localId: entry?.localId ?? null,
    outcome: d.outcome === 'unchanged' ? 'unchanged' : d.outcome === 'created' ? 'would_create' : 'would_update',
    message: d.message,
  }
}

/** Records a written record on the identity map; `createdByRun` stays the first run's while the local record is the same. */
export function remember(
  ctx: RunCtx,
  resource: ImportResource,
  remoteId: number,
  localId: number,
  hash: string,
  stamp: string | null,
  d: Decision,
  entry: MapEntry | undefined,
  data: unknown = null,
): void {
  ctx.map.put(resource, {
    remoteId,
    localId,
    hash,
    localModified: stamp,
    createdByRun: d.outcome === 'created' ? ctx.run.id : (entry?.createdByRun ?? null),
    pending: null,
    data: data === null ? null : JSON.stringify(data),
  })
}

/** A local record's modified date (null when it has none), undefined when the record is gone. */
export function modifiedStamp(
  deps: Deps,
  table: 'resource' | 'site' | 'site_page',
  id: number | undefined,
): string | null | undefined {
  if (id === undefined) return undefined
  return deps.db.$client
    .prepare<unknown[], { modified: string | null }>(`SELECT modified FROM ${table} WHERE id = ?`)
    .get(id)?.modified
}

/** A remote record's local id when the local record still exists (`table` from the whitelist above). */
export function liveLocal(
  ctx: RunCtx,
  resource: ImportResource,
  table: keyof typeof TABLES,
  remoteId: number | null,
): number | null {
  if (remoteId === null) return null
  const e = ctx.map.get(resource, remoteId)
  return e && ctx.deps.db.$client.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(e.localId) ? e.localId : null
}
