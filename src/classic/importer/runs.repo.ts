import type { Db } from '../../db/client.js'
import { nowStored } from '../shared.js'
import { RESOURCES, type ImportResource } from './id-map.js'
import { statement } from '../statements.js'

export const RUN_STATUSES = ['queued', 'running', 'completed', 'completed_with_errors', 'failed', 'cancelled', 'undoing', 'undone'] as const
export type RunStatus = (typeof RUN_STATUSES)[number]
export const ACTIVE_STATUSES: readonly RunStatus[] = ['queued', 'running', 'undoing']

export const OUTCOMES = ['created', 'updated', 'unchanged', 'skipped', 'failed', 'deleted', 'kept', 'undone', 'would_create', 'would_update', 'would_delete'] as const
export type Outcome = (typeof OUTCOMES)[number]

export interface RunOptions {
  mode: 'merge' | 'mirror'
  override_element_sets: boolean
  import_users: boolean
  dry_run: boolean
  /** Re-import everything even when an incremental run is possible. */
  full: boolean
  /** Whether the run had a key (never the key itself). */
  authenticated: boolean
}

export interface Counter {
  total: number
  created: number
  updated: number
  unchanged: number
  skipped: number
  failed: number
  deleted: number
}
export type Counters = Record<ImportResource, Counter>

/** Where a run resumes: the resource in progress and the (key-less) URL of its next page. */
export interface Cursor {
  resource: ImportResource | 'deletions' | 'done'
  url: string | null
}

export interface RunRow {
  id: number
  endpoint: string
  origin: string
  omekaUrl: string | null
  status: RunStatus
  options: RunOptions
  counters: Counters
  cursor: Cursor | null
  since: string | null
  requests: number
  retries: number
  bytes: number
  message: string | null
  ownerId: number | null
  added: string
  started: string | null
  finished: string | null
}

/** Zeroed counters for every resource. */
export function emptyCounters(): Counters {
  return Object.fromEntries(RESOURCES.map((r) => [r, { total: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, deleted: 0 }])) as Counters
}

const SELECT = `SELECT id, endpoint, origin, omeka_url AS omekaUrl, status, options, counters, cursor, since, requests, retries, bytes, message,
  owner_id AS ownerId, added, started, finished FROM import_runs`

type RawRun = Omit<RunRow, 'options' | 'counters' | 'cursor'> & { options: string; counters: string; cursor: string | null }

function toRun(r: RawRun): RunRow {
  return { ...r, options: JSON.parse(r.options) as RunOptions, counters: { ...emptyCounters(), ...(JSON.parse(r.counters) as Partial<Counters>) }, cursor: r.cursor ? (JSON.parse(r.cursor) as Cursor) : null }
}

export function findRun(db: Db, id: number): RunRow | undefined {
  const r = statement(db, `${SELECT} WHERE id = ?`).get(id) as RawRun | undefined
  return r && toRun(r)
}

/** A page of runs, newest first, optionally by status. */
export function searchRuns(db: Db, status: string | undefined, page: number, perPage: number): { rows: RunRow[]; total: number } {
  const where = status ? 'WHERE status = ?' : ''
  const args = status ? [status] : []
  const total = (statement(db, `SELECT COUNT(*) AS n FROM import_runs ${where}`).get(...args) as { n: number }).n
  const rows = statement(db, `${SELECT} ${where} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...args, perPage, (page - 1) * perPage) as RawRun[]
  return { rows: rows.map(toRun), total }
}

/** Runs of an origin that are not finished (queued, running or undoing). */
export function unfinishedRuns(db: Db, origin: string): RunRow[] {
  return (statement(db, `${SELECT} WHERE origin = ? AND status IN ('queued', 'running', 'undoing') ORDER BY id`).all(origin) as RawRun[]).map(toRun)
}

/** The last run of this origin that completed cleanly with comparable options: the base of an incremental run. */
export function lastCleanRun(db: Db, origin: string, o: RunOptions, before: number): RunRow | undefined {
  const rows = (statement(db, `${SELECT} WHERE origin = ? AND status = 'completed' AND id < ? ORDER BY id DESC LIMIT 20`).all(origin, before) as RawRun[]).map(toRun)
  return rows.find((r) => !r.options.dry_run && r.options.mode === o.mode && r.options.authenticated === o.authenticated && r.options.import_users === o.import_users)
}

export function insertRun(db: Db, r: { endpoint: string; origin: string; omekaUrl: string | null; options: RunOptions; ownerId: number | null }): number {
  return Number(
    statement(db, 'INSERT INTO import_runs (endpoint, origin, omeka_url, status, options, counters, owner_id, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(r.endpoint, r.origin, r.omekaUrl, 'queued', JSON.stringify(r.options), JSON.stringify(emptyCounters()), r.ownerId, nowStored()).lastInsertRowid,
  )
}

/** Writes the run's progress fields that are given. */
export function updateRun(db: Db, id: number, p: Partial<Pick<RunRow, 'status' | 'counters' | 'cursor' | 'since' | 'requests' | 'retries' | 'bytes' | 'message' | 'started' | 'finished' | 'omekaUrl'>>): void {
  const cols: Record<string, unknown> = {}
  if (p.status !== undefined) cols.status = p.status
  if (p.counters !== undefined) cols.counters = JSON.stringify(p.counters)
  if (p.cursor !== undefined) cols.cursor = p.cursor === null ? null : JSON.stringify(p.cursor)
  if (p.since !== undefined) cols.since = p.since
  if (p.requests !== undefined) cols.requests = p.requests
  if (p.retries !== undefined) cols.retries = p.retries
  if (p.bytes !== undefined) cols.bytes = p.bytes
  if (p.message !== undefined) cols.message = p.message
  if (p.started !== undefined) cols.started = p.started
  if (p.finished !== undefined) cols.finished = p.finished
  if (p.omekaUrl !== undefined) cols.omeka_url = p.omekaUrl
  const names = Object.keys(cols)
  if (!names.length) return
  statement(db, `UPDATE import_runs SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`).run(...Object.values(cols), id)
}

export interface RecordLog {
  resource: ImportResource | 'tags'
  remoteId: number | null
  localId: number | null
  outcome: Outcome
  message?: string | null
  before?: string | null
}

/** Appends rows to a run's record log (inside the caller's transaction). */
export function logRecords(db: Db, runId: number, rows: readonly RecordLog[]): void {
  const insert = statement(db, 'INSERT INTO import_records (run_id, resource, remote_id, local_id, outcome, message, before) VALUES (?, ?, ?, ?, ?, ?, ?)')
  for (const r of rows) insert.run(runId, r.resource, r.remoteId, r.localId, r.outcome, r.message ?? null, r.before ?? null)
}

export interface ImportRecordRow {
  id: number
  runId: number
  resource: string
  remoteId: number | null
  localId: number | null
  outcome: string
  message: string | null
}

/** A page of a run's record log, optionally by outcome and resource. */
export function searchImportRecords(db: Db, f: { runId?: number; outcome?: string; resource?: string }, page: number, perPage: number): { rows: ImportRecordRow[]; total: number } {
  const clauses: string[] = []
  const args: unknown[] = []
  if (f.runId !== undefined) clauses.push('run_id = ?') && args.push(f.runId)
  if (f.outcome !== undefined) clauses.push('outcome = ?') && args.push(f.outcome)
  if (f.resource !== undefined) clauses.push('resource = ?') && args.push(f.resource)
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''
  const total = (statement(db, `SELECT COUNT(*) AS n FROM import_records ${where}`).get(...args) as { n: number }).n
  const rows = statement(db, `SELECT id, run_id AS runId, resource, remote_id AS remoteId, local_id AS localId, outcome, message FROM import_records ${where} ORDER BY id LIMIT ? OFFSET ?`)
    .all(...args, perPage, (page - 1) * perPage) as ImportRecordRow[]
  return { rows, total }
}

export function findImportRecord(db: Db, id: number): ImportRecordRow | undefined {
  return statement(db, 'SELECT id, run_id AS runId, resource, remote_id AS remoteId, local_id AS localId, outcome, message FROM import_records WHERE id = ?').get(id) as ImportRecordRow | undefined
}

/** Number of log rows of a run (for the run's `records.count`). */
export function countImportRecords(db: Db, runId: number): number {
  return (statement(db, 'SELECT COUNT(*) AS n FROM import_records WHERE run_id = ?').get(runId) as { n: number }).n
}
