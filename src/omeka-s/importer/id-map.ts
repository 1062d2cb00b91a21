import type { SDb } from '../db/client.js'
import type { SImportResource } from './runs.repo.js'

export interface SMapEntry {
  remoteId: number
  localId: number
  hash: string | null
  localModified: string | null
  createdByRun: number | null
  /** JSON of the remote values whose links were not resolvable yet. */
  pending: string | null
  /** JSON of facts later phases read (an item's remote media order and primary media). */
  data: string | null
}

const SELECT = 'SELECT remote_id AS remoteId, local_id AS localId, hash, local_modified AS localModified, created_by_run AS createdByRun, pending, data FROM import_id_map'

/** Local tables of the resources not stored in `resource` (a whitelist: SQL is never built from input). */
const LIVE_TABLES: Partial<Record<SImportResource, string>> = { sites: 'site', site_pages: 'site_page', assets: 'asset' }

/** The S database's identity map: `(origin, resource, remote id) → local id`, written in the caller's transaction. */
export class SIdMap {
  constructor(
    private readonly db: SDb,
    readonly origin: string,
  ) {}

  /** Entries for these remote ids (one query). */
  lookup(resource: SImportResource, remoteIds: readonly number[]): Map<number, SMapEntry> {
    const rows = this.db.$client.prepare(`${SELECT} WHERE origin = ? AND resource = ? AND remote_id IN (SELECT value FROM json_each(?))`).all(this.origin, resource, JSON.stringify(remoteIds)) as SMapEntry[]
    return new Map(rows.map((r) => [r.remoteId, r]))
  }

  get(resource: SImportResource, remoteId: number): SMapEntry | undefined {
    return this.db.$client.prepare(`${SELECT} WHERE origin = ? AND resource = ? AND remote_id = ?`).get(this.origin, resource, remoteId) as SMapEntry | undefined
  }

  /** Every entry of a resource (small resources: users, vocabularies, templates). */
  all(resource: SImportResource): Map<number, SMapEntry> {
    const rows = this.db.$client.prepare(`${SELECT} WHERE origin = ? AND resource = ?`).all(this.origin, resource) as SMapEntry[]
    return new Map(rows.map((r) => [r.remoteId, r]))
  }

  /** Entries whose links are still pending. */
  pending(): (SMapEntry & { resource: SImportResource })[] {
    return this.db.$client.prepare(`${SELECT.replace('SELECT', 'SELECT resource,')} WHERE origin = ? AND pending IS NOT NULL`).all(this.origin) as (SMapEntry & { resource: SImportResource })[]
  }

  /** Inserts or updates an entry; `createdByRun` stays the first run's while the local record is the same. */
  put(resource: SImportResource, e: SMapEntry): void {
    this.db.$client
      .prepare(
        `INSERT INTO import_id_map (origin, resource, remote_id, local_id, hash, local_modified, created_by_run, pending, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (origin, resource, remote_id) DO UPDATE SET local_id = excluded.local_id, hash = excluded.hash, local_modified = excluded.local_modified,
           pending = excluded.pending, data = excluded.data,
           created_by_run = CASE WHEN import_id_map.local_id = excluded.local_id THEN import_id_map.created_by_run ELSE excluded.created_by_run END`,
      )
      .run(this.origin, resource, e.remoteId, e.localId, e.hash, e.localModified, e.createdByRun, e.pending, e.data)
  }

  /** Remote ids mapped for a resource. */
  remoteIds(resource: SImportResource): number[] {
    return (this.db.$client.prepare('SELECT remote_id AS id FROM import_id_map WHERE origin = ? AND resource = ?').all(this.origin, resource) as { id: number }[]).map((r) => r.id)
  }

  /** How many mapped records of a resource still exist here (items, item sets, media, sites, pages, assets). */
  liveCount(resource: SImportResource): number {
    const table = LIVE_TABLES[resource] ?? 'resource'
    const sql = `SELECT COUNT(*) AS n FROM import_id_map m JOIN ${table} r ON r.id = m.local_id WHERE m.origin = ? AND m.resource = ?`
    return (this.db.$client.prepare(sql).get(this.origin, resource) as { n: number }).n
  }

  remove(resource: SImportResource, remoteId: number): void {
    this.db.$client.prepare('DELETE FROM import_id_map WHERE origin = ? AND resource = ? AND remote_id = ?').run(this.origin, resource, remoteId)
  }
}
