import type { SDb } from '../db/client.js'
import type { Counter, Outcome, RunStatus } from '../../classic/importer/runs.repo.js'

/** What an S-target run imports, in dependency order (Classic collections land in item_sets, files in media; sites, pages and assets come from S origins only). */
export const S_RESOURCES = ['users', 'vocabularies', 'resource_templates', 'assets', 'item_sets', 'items', 'media', 'sites', 'site_pages'] as const
export type SImportResource = (typeof S_RESOURCES)[number]
export type SCounters = Record<SImportResource, Counter>

export interface SRunOptions {
  mode: 'merge' | 'mirror'
  dry_run: boolean
  import_users: boolean
  /** Classic → S: the property that receives tags. */
  tags_property: string
  /** Whether the run had a key (never the key itself). */
  authenticated: boolean
  /** Re-read everything even when an incremental run is possible. */
  full?: boolean
}

export interface SCursor {
  resource: SImportResource | 'links' | 'deletions' | 'done'
  url: string | null
}

export interface SRunRow {
  id: number
  endpoint: string
  origin: string
  fromFlavor: 's' | 'classic'
  status: RunStatus
  options: SRunOptions
  counters: SCounters
  cursor: SCursor | null
  requests: number
  retries: number
  bytes: number
  message: string | null
  ownerId: number | null
  added: string
  started: string | null
  finished: string | null
}

export interface SRecordLog {
  resource: SImportResource
  remoteId: number | null
  localId: number | null
  outcome: Outcome
  message?: string | null
}

/** Zeroed counters for every resource. */
export function emptySCounters(): SCounters {
  return Object.fromEntries(S_RESOURCES.map((r) => [r, { total: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, deleted: 0 }])) as SCounters
}

/** Now in Omeka S's stored format (`c`, UTC). */
export const nowS = (): string => new Date().toISOString().replace(/\.\d+Z$/, '+00:00')

const SELECT = `SELECT id, endpoint, origin, from_flavor AS fromFlavor, status, options, counters, cursor, requests, retries, bytes, message,
  owner_id AS ownerId, added, started, finished FROM import_run`
type Raw = Omit<SRunRow, 'options' | 'counters' | 'cursor'> & { options: string; counters: string; cursor: string | null }
const toRun = (r: Raw): SRunRow => ({ ...r, options: JSON.parse(r.options) as SRunOptions, counters: { ...emptySCounters(), ...(JSON.parse(r.counters) as SCounters) }, cursor: r.cursor ? (JSON.parse(r.cursor) as SCursor) : null })

export function findSRun(db: SDb, id: number): SRunRow | undefined {
  const r = db.$client.prepare(`${SELECT} WHERE id = ?`).get(id) as Raw | undefined
  return r && toRun(r)
}

/** A page of runs, newest first, optionally by status. */
export function searchSRuns(db: SDb, status: string | undefined, page: number, perPage: number): { rows: SRunRow[]; total: number } {
  const where = status ? 'WHERE status = ?' : ''
  const args = status ? [status] : []
  const total = (db.$client.prepare(`SELECT COUNT(*) AS n FROM import_run ${where}`).get(...args) as { n: number }).n
  const rows = db.$client.prepare(`${SELECT} ${where} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...args, perPage, (page - 1) * perPage) as Raw[]
  return { rows: rows.map(toRun), total }
}

/** Runs of an origin not finished yet. */
export function unfinishedSRuns(db: SDb, origin: string): SRunRow[] {
  return (db.$client.prepare(`${SELECT} WHERE origin = ? AND status IN ('queued', 'running', 'undoing') ORDER BY id`).all(origin) as Raw[]).map(toRun)
}

/**
 * The newest completed run a new run of these options can be incremental after: same origin, mode, key
 * and users option, not a dry run; none when a run of that origin was undone since (its records must come back).
 */
export function lastCleanSRun(db: SDb, origin: string, o: SRunOptions, before: number): SRunRow | undefined {
  const rows = (db.$client.prepare(`${SELECT} WHERE origin = ? AND status = 'completed' AND id < ? ORDER BY id DESC LIMIT 20`).all(origin, before) as Raw[]).map(toRun)
  const last = rows.find((r) => !r.options.dry_run && r.options.mode === o.mode && r.options.authenticated === o.authenticated && r.options.import_users === o.import_users && r.options.tags_property === o.tags_property)
  if (!last?.started) return undefined
  const undone = db.$client.prepare("SELECT 1 FROM import_run WHERE origin = ? AND status IN ('undone', 'undoing') AND (finished IS NULL OR finished >= ?)").get(origin, last.started)
  return undone ? undefined : last
}

export function insertSRun(db: SDb, r: { endpoint: string; origin: string; fromFlavor: 's' | 'classic'; options: SRunOptions; ownerId: number | null }): number {
  const sql = 'INSERT INTO import_run (endpoint, origin, from_flavor, status, options, counters, owner_id, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
  return Number(db.$client.prepare(sql).run(r.endpoint, r.origin, r.fromFlavor, 'queued', JSON.stringify(r.options), JSON.stringify(emptySCounters()), r.ownerId, nowS()).lastInsertRowid)
}

type Patch = Partial<Pick<SRunRow, 'status' | 'counters' | 'cursor' | 'requests' | 'retries' | 'bytes' | 'message' | 'started' | 'finished'>>
const COLUMNS: Record<keyof Patch, (v: never) => unknown> = {
  status: (v) => v, counters: (v) => JSON.stringify(v), cursor: (v) => (v === null ? null : JSON.stringify(v)), requests: (v) => v, retries: (v) => v,
  bytes: (v) => v, message: (v) => v, started: (v) => v, finished: (v) => v,
}

/** Writes the given progress fields (column names come from the whitelist above). */
export function updateSRun(db: SDb, id: number, p: Patch): void {
  const names = (Object.keys(p) as (keyof Patch)[]).filter((k) => p[k] !== undefined && k in COLUMNS)
  if (!names.length) return
  db.$client.prepare(`UPDATE import_run SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`).run(...names.map((n) => COLUMNS[n](p[n] as never)), id)
}

/** Appends rows to a run's record log (inside the caller's transaction). */
export function logSRecords(db: SDb, runId: number, rows: readonly SRecordLog[]): void {
  const insert = db.$client.prepare('INSERT INTO import_record (run_id, resource, remote_id, local_id, outcome, message) VALUES (?, ?, ?, ?, ?, ?)')
  for (const r of rows) insert.run(runId, r.resource, r.remoteId, r.localId, r.outcome, r.message ?? null)
}

export interface SImportRecordRow {
  id: number
  runId: number
  resource: string
  remoteId: number | null
  localId: number | null
  outcome: string
  message: string | null
}

const RECORD_SELECT = 'SELECT id, run_id AS runId, resource, remote_id AS remoteId, local_id AS localId, outcome, message FROM import_record'

/** A page of the record log, filtered by run, outcome and resource. */
export function searchSImportRecords(db: SDb, f: { runId?: number; outcome?: string; resource?: string }, page: number, perPage: number): { rows: SImportRecordRow[]; total: number } {
  const clauses: string[] = []
  const args: unknown[] = []
  for (const [col, v] of [['run_id', f.runId], ['outcome', f.outcome], ['resource', f.resource]] as const) if (v !== undefined) (clauses.push(`${col} = ?`), args.push(v))
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''
  const total = (db.$client.prepare(`SELECT COUNT(*) AS n FROM import_record ${where}`).get(...args) as { n: number }).n
  const rows = db.$client.prepare(`${RECORD_SELECT} ${where} ORDER BY id LIMIT ? OFFSET ?`).all(...args, perPage, (page - 1) * perPage) as SImportRecordRow[]
  return { rows, total }
}

export function findSImportRecord(db: SDb, id: number): SImportRecordRow | undefined {
  return db.$client.prepare(`${RECORD_SELECT} WHERE id = ?`).get(id) as SImportRecordRow | undefined
}
