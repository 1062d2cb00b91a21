import type { Db } from '../../db/client.js'
import { statement } from '../statements.js'

/** The resources of the identity map, in dependency order. */
export const RESOURCES = ['element_sets', 'elements', 'item_types', 'users', 'collections', 'items', 'files', 'geolocations', 'exhibits', 'exhibit_pages'] as const
export type ImportResource = (typeof RESOURCES)[number]

export interface MapEntry {
  remoteId: number
  localId: number
  hash: string | null
  localModified: string | null
  createdByRun: number | null
  pending: string | null
}

const SELECT = 'SELECT remote_id AS remoteId, local_id AS localId, hash, local_modified AS localModified, created_by_run AS createdByRun, pending FROM import_id_map'

/** `(canonical origin, resource, remote id) → local id`, read in batches and written inside the caller's transaction. */
export class IdMap {
  constructor(
    private readonly db: Db,
    readonly origin: string,
  ) {}

  /** Entries for these remote ids (one query). */
  lookup(resource: ImportResource, remoteIds: readonly number[]): Map<number, MapEntry> {
    const rows = statement(this.db, `${SELECT} WHERE origin = ? AND resource = ? AND remote_id IN (SELECT value FROM json_each(?))`)
      .all(this.origin, resource, JSON.stringify(remoteIds)) as MapEntry[]
    return new Map(rows.map((r) => [r.remoteId, r]))
  }

  /** Every entry of a resource (small resources: schema, users, collections). */
  all(resource: ImportResource): Map<number, MapEntry> {
    const rows = statement(this.db, `${SELECT} WHERE origin = ? AND resource = ?`).all(this.origin, resource) as MapEntry[]
    return new Map(rows.map((r) => [r.remoteId, r]))
  }

  /** Inserts or updates an entry; `createdByRun` is only set when the row is new. */
  put(resource: ImportResource, e: MapEntry): void {
    statement(this.db, 
        `INSERT INTO import_id_map (origin, resource, remote_id, local_id, hash, local_modified, created_by_run, pending) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (origin, resource, remote_id) DO UPDATE SET local_id = excluded.local_id, hash = excluded.hash,
           local_modified = excluded.local_modified, pending = excluded.pending,
           created_by_run = CASE WHEN import_id_map.local_id = excluded.local_id THEN import_id_map.created_by_run ELSE excluded.created_by_run END`,
      )
      .run(this.origin, resource, e.remoteId, e.localId, e.hash, e.localModified, e.createdByRun, e.pending)
  }

  remove(resource: ImportResource, remoteId: number): void {
    statement(this.db, 'DELETE FROM import_id_map WHERE origin = ? AND resource = ? AND remote_id = ?').run(this.origin, resource, remoteId)
  }

  /** How many entries of a resource point at a record that still exists locally. */
  liveCount(resource: 'items' | 'collections' | 'files'): number {
    return (
      statement(this.db, `SELECT COUNT(*) AS n FROM import_id_map m JOIN ${resource} r ON r.id = m.local_id WHERE m.origin = ? AND m.resource = ?`)
        .get(this.origin, resource) as { n: number }
    ).n
  }

  /** Remote ids mapped for a resource (for mirror deletions). */
  remoteIds(resource: ImportResource): number[] {
    return (statement(this.db, 'SELECT remote_id AS id FROM import_id_map WHERE origin = ? AND resource = ?').all(this.origin, resource) as { id: number }[]).map((r) => r.id)
  }
}
