import type Database from 'better-sqlite3'

export interface MapEntry {
  remoteId: number
  localId: number
  /** Content hash of what the import last wrote (an unchanged record is skipped). */
  hash: string | null
  /** The local `modified` right after the import wrote it: a different value means "edited here". */
  localModified: string | null
  createdByRun: number | null
  /** JSON of references the origin gave that could not be resolved yet. */
  pending: string | null
  /** JSON of facts later phases (or later runs) read about the record. */
  data?: string | null
}

const SELECT =
  'SELECT remote_id AS remoteId, local_id AS localId, hash, local_modified AS localModified, created_by_run AS createdByRun, pending, data FROM import_id_map'

/**
 * `(origin, resource, remote id) → local id` in a flavour's `import_id_map` table, read in batches and
 * written inside the caller's transaction. `liveTable` names the local table of a resource (a whitelist).
 */
export class IdMap<R extends string> {
  private readonly statements = new Map<string, Database.Statement>()

  constructor(
    private readonly db: Database.Database,
    readonly origin: string,
    private readonly liveTable: (resource: R) => string | null = () => null,
  ) {}

  private sql(sql: string): Database.Statement {
    let s = this.statements.get(sql)
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)))
    return s
  }

  /** Entries for these remote ids (one query). */
  lookup(resource: R, remoteIds: readonly number[]): Map<number, MapEntry> {
    const rows = this.sql(
      `${SELECT} WHERE origin = ? AND resource = ? AND remote_id IN (SELECT value FROM json_each(?))`,
    ).all(this.origin, resource, JSON.stringify(remoteIds)) as MapEntry[]
    return new Map(rows.map((r) => [r.remoteId, r]))
  }

  get(resource: R, remoteId: number): MapEntry | undefined {
    return this.sql(`${SELECT} WHERE origin = ? AND resource = ? AND remote_id = ?`).get(
      this.origin,
      resource,
      remoteId,
    ) as MapEntry | undefined
  }

  /** Every entry of a resource (small resources: schema, users, collections). */
  all(resource: R): Map<number, MapEntry> {
    const rows = this.sql(`${SELECT} WHERE origin = ? AND resource = ?`).all(this.origin, resource) as MapEntry[]
    return new Map(rows.map((r) => [r.remoteId, r]))
  }

  /** Entries whose references are still pending. */
  pending(): (MapEntry & { resource: R })[] {
    return this.sql(`${SELECT.replace('SELECT', 'SELECT resource,')} WHERE origin = ? AND pending IS NOT NULL`).all(
      this.origin,
    ) as (MapEntry & { resource: R })[]
  }

  /** Inserts or updates an entry; `createdByRun` stays the first run's while the local record is the same. */
  put(resource: R, e: MapEntry): void {
    this.sql(
      `INSERT INTO import_id_map (origin, resource, remote_id, local_id, hash, local_modified, created_by_run, pending, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (origin, resource, remote_id) DO UPDATE SET local_id = excluded.local_id, hash = excluded.hash, local_modified = excluded.local_modified,
         pending = excluded.pending, data = excluded.data,
         created_by_run = CASE WHEN import_id_map.local_id = excluded.local_id THEN import_id_map.created_by_run ELSE excluded.created_by_run END`,
    ).run(
      this.origin,
      resource,
      e.remoteId,
      e.localId,
      e.hash,
      e.localModified,
      e.createdByRun,
      e.pending,
      e.data ?? null,
    )
  }

  remove(resource: R, remoteId: number): void {
    this.sql('DELETE FROM import_id_map WHERE origin = ? AND resource = ? AND remote_id = ?').run(
      this.origin,
      resource,
      remoteId,
    )
  }

  /** Remote ids mapped for a resource (mirror deletions). */
  remoteIds(resource: R): number[] {
    return (
      this.sql('SELECT remote_id AS id FROM import_id_map WHERE origin = ? AND resource = ?').all(
        this.origin,
        resource,
      ) as { id: number }[]
    ).map((r) => r.id)
  }

  /** How many entries of a resource point at a record that still exists here. */
  liveCount(resource: R): number {
    const table = this.liveTable(resource)
    if (!table) throw new Error(`No local table for ${resource}`)
    return (
      this.sql(
        `SELECT COUNT(*) AS n FROM import_id_map m JOIN ${table} r ON r.id = m.local_id WHERE m.origin = ? AND m.resource = ?`,
      ).get(this.origin, resource) as { n: number }
    ).n
  }

  /** The fingerprints of the values the import last wrote to a record (see provenance.ts); null when never recorded. */
  provenance(resource: R, remoteId: number): string[] | null {
    const row = this.sql(
      'SELECT provenance FROM import_id_map WHERE origin = ? AND resource = ? AND remote_id = ?',
    ).get(this.origin, resource, remoteId) as { provenance: string | null } | undefined
    return row?.provenance ? (JSON.parse(row.provenance) as string[]) : null
  }

  /** Records what the import wrote to a record (after `put`, in the same transaction). */
  setProvenance(resource: R, remoteId: number, fingerprints: readonly string[]): void {
    this.sql('UPDATE import_id_map SET provenance = ? WHERE origin = ? AND resource = ? AND remote_id = ?').run(
      JSON.stringify(fingerprints),
      this.origin,
      resource,
      remoteId,
    )
  }

  /** What a run created of a resource, newest local id first (undo). */
  createdBy(runId: number, resource: R): MapEntry[] {
    return this.sql(`${SELECT} WHERE created_by_run = ? AND origin = ? AND resource = ? ORDER BY local_id DESC`).all(
      runId,
      this.origin,
      resource,
    ) as MapEntry[]
  }
}
