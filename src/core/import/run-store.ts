import type Database from 'better-sqlite3'

/**
 * `interrupted`: the run stopped before it read every record it should have (origin unreachable, Ctrl-C,
 * shutdown); it is resumable and never reads as completed. `completed_with_errors`: everything was read,
 * some records were refused (each in the record log).
 */
export const RUN_STATUSES = [
  'queued',
  'running',
  'interrupted',
  'completed',
  'completed_with_errors',
  'failed',
  'cancelled',
  'undoing',
  'undone',
] as const
export type RunStatus = (typeof RUN_STATUSES)[number]
export const ACTIVE_STATUSES: readonly RunStatus[] = ['queued', 'running', 'undoing']

/** Whether a run can go on from its checkpoint: interrupted (or left running by a crash), queued, or cancelled before its end. */
/**
 * The status a run is shown with: a resumed run's job is launched before its engine writes `running`
 * (next tick), so an active job over an `interrupted` or `cancelled` row is already running.
 */
export function shownStatus(run: { status: RunStatus }, active: boolean): RunStatus {
  return active && (run.status === 'interrupted' || run.status === 'cancelled') ? 'running' : run.status
}

export function isResumable(run: { status: RunStatus; cursor: { resource: string } | null }): boolean {
  if (['queued', 'running', 'interrupted'].includes(run.status)) return true
  return run.status === 'cancelled' && run.cursor?.resource !== 'done'
}

export const OUTCOMES = [
  'created',
  'updated',
  'unchanged',
  'skipped',
  'failed',
  'deleted',
  'kept',
  'undone',
  'would_create',
  'would_update',
  'would_delete',
] as const
export type Outcome = (typeof OUTCOMES)[number]

/** The options every run has; each flavour adds its own. */
export interface BaseRunOptions {
  mode: 'merge' | 'mirror'
  dry_run: boolean
  import_users: boolean
  /** Re-read everything even when an incremental run is possible. */
  full?: boolean
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
export type Counters<R extends string> = Record<R, Counter>

/** Where a run resumes: the resource in progress and the (key-less) URL of its next page. */
export interface Cursor<R extends string> {
  resource: R | 'links' | 'deletions' | 'done'
  url: string | null
}

export interface RunRow<R extends string, O extends BaseRunOptions> {
  id: number
  endpoint: string
  /** The identity map's key for the origin (see origin.ts). */
  origin: string
  omekaUrl: string | null
  fromFlavor: 's' | 'classic'
  status: RunStatus
  options: O
  counters: Counters<R>
  cursor: Cursor<R> | null
  /** The bound of an incremental run (ISO or the flavour's stored format); null for a full run. */
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

/** One row of a run's record log. `before` keeps what an override replaced, for undo. */
export interface RecordLog<R extends string> {
  resource: R
  remoteId: number | null
  localId: number | null
  outcome: Outcome
  message?: string | null
  before?: string | null
  /** The fields an update changes (set by dry runs: the per-record diff), by name; see diff.ts. */
  changes?: readonly string[] | null
}

export interface ImportRecordRow {
  id: number
  runId: number
  resource: string
  remoteId: number | null
  localId: number | null
  outcome: string
  message: string | null
  /** The fields an update changes (dry runs), null when not recorded. */
  changes: string[] | null
}

/** Where a flavour keeps its runs: its own database, the same columns, its own table names and clock. */
export interface RunStoreConfig<R extends string> {
  db: Database.Database
  tables: { runs: string; records: string }
  resources: readonly R[]
  /** Now, in the flavour's stored date format. */
  now: () => string
}

type Patch<R extends string, O extends BaseRunOptions> = Partial<
  Pick<
    RunRow<R, O>,
    | 'status'
    | 'counters'
    | 'cursor'
    | 'since'
    | 'requests'
    | 'retries'
    | 'bytes'
    | 'message'
    | 'started'
    | 'finished'
    | 'omekaUrl'
  >
>
type RawRecord = Omit<ImportRecordRow, 'changes'> & { changes: string | null }
const toRecord = (r: RawRecord): ImportRecordRow => ({
  ...r,
  changes: r.changes ? (JSON.parse(r.changes) as string[]) : null,
})
type Raw = Record<string, unknown> & { options: string; counters: string; cursor: string | null }

/** The patchable columns and how each is stored (a whitelist: SQL is never built from input). */
const COLUMNS: Record<string, { col: string; store: (v: never) => unknown }> = {
  status: { col: 'status', store: (v) => v },
  counters: { col: 'counters', store: (v) => JSON.stringify(v) },
  cursor: { col: 'cursor', store: (v) => (v === null ? null : JSON.stringify(v)) },
  since: { col: 'since', store: (v) => v },
  requests: { col: 'requests', store: (v) => v },
  retries: { col: 'retries', store: (v) => v },
  bytes: { col: 'bytes', store: (v) => v },
  message: { col: 'message', store: (v) => v },
  started: { col: 'started', store: (v) => v },
  finished: { col: 'finished', store: (v) => v },
  omekaUrl: { col: 'omeka_url', store: (v) => v },
}

/** Runs and their record log in one flavour's database (statements prepared once per store). */
export class RunStore<R extends string, O extends BaseRunOptions> {
  readonly db: Database.Database
  readonly now: () => string
  private readonly statements = new Map<string, Database.Statement>()
  private readonly select: string
  private readonly recordSelect: string

  constructor(private readonly c: RunStoreConfig<R>) {
    this.db = c.db
    this.now = c.now
    this.select = `SELECT id, endpoint, origin, omeka_url AS omekaUrl, from_flavor AS fromFlavor, status, options, counters, cursor, since, requests, retries, bytes,
      message, owner_id AS ownerId, added, started, finished FROM ${c.tables.runs}`
    this.recordSelect = `SELECT id, run_id AS runId, resource, remote_id AS remoteId, local_id AS localId, outcome, message, changes FROM ${c.tables.records}`
  }

  /** `sql` prepared once on this store's connection. */
  sql(sql: string): Database.Statement {
    let s = this.statements.get(sql)
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)))
    return s
  }

  /** Runs `fn` in one transaction (a savepoint inside another). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  /** Zeroed counters for every resource. */
  emptyCounters(): Counters<R> {
    return Object.fromEntries(
      this.c.resources.map((r) => [
        r,
        { total: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, deleted: 0 },
      ]),
    ) as Counters<R>
  }

  private toRun(r: Raw): RunRow<R, O> {
    return {
      ...(r as unknown as RunRow<R, O>),
      options: JSON.parse(r.options) as O,
      counters: { ...this.emptyCounters(), ...(JSON.parse(r.counters) as Partial<Counters<R>>) },
      cursor: r.cursor ? (JSON.parse(r.cursor) as Cursor<R>) : null,
    }
  }

  find(id: number): RunRow<R, O> | undefined {
    const r = this.sql(`${this.select} WHERE id = ?`).get(id) as Raw | undefined
    return r && this.toRun(r)
  }

  /** A page of runs, newest first, optionally by status. */
  search(status: string | undefined, page: number, perPage: number): { rows: RunRow<R, O>[]; total: number } {
    const where = status ? 'WHERE status = ?' : ''
    const args = status ? [status] : []
    const total = (this.sql(`SELECT COUNT(*) AS n FROM ${this.c.tables.runs} ${where}`).get(...args) as { n: number }).n
    const rows = this.sql(`${this.select} ${where} ORDER BY id DESC LIMIT ? OFFSET ?`).all(
      ...args,
      perPage,
      (page - 1) * perPage,
    ) as Raw[]
    return { rows: rows.map((r) => this.toRun(r)), total }
  }

  /** Runs of an origin that are not finished (queued, running or undoing). */
  unfinished(origin: string): RunRow<R, O>[] {
    return (
      this.sql(
        `${this.select} WHERE origin = ? AND status IN ('queued', 'running', 'interrupted', 'undoing') ORDER BY id`,
      ).all(origin) as Raw[]
    ).map((r) => this.toRun(r))
  }

  /**
   * The newest completed run a new run can be incremental after: same origin, comparable options, not a
   * dry run; none when a run of that origin was undone since (its records must come back).
   */
  lastClean(origin: string, before: number, comparable: (a: O) => boolean): RunRow<R, O> | undefined {
    const rows = (
      this.sql(`${this.select} WHERE origin = ? AND status = 'completed' AND id < ? ORDER BY id DESC LIMIT 20`).all(
        origin,
        before,
      ) as Raw[]
    ).map((r) => this.toRun(r))
    const last = rows.find((r) => !r.options.dry_run && comparable(r.options))
    if (!last?.started) return undefined
    const undone = this.sql(
      `SELECT 1 FROM ${this.c.tables.runs} WHERE origin = ? AND status IN ('undone', 'undoing') AND (finished IS NULL OR finished >= ?)`,
    ).get(origin, last.started)
    return undone ? undefined : last
  }

  insert(r: {
    endpoint: string
    origin: string
    omekaUrl: string | null
    fromFlavor: 's' | 'classic'
    options: O
    ownerId: number | null
  }): number {
    const sql = `INSERT INTO ${this.c.tables.runs} (endpoint, origin, omeka_url, from_flavor, status, options, counters, owner_id, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    return Number(
      this.sql(sql).run(
        r.endpoint,
        r.origin,
        r.omekaUrl,
        r.fromFlavor,
        'queued',
        JSON.stringify(r.options),
        JSON.stringify(this.emptyCounters()),
        r.ownerId,
        this.now(),
      ).lastInsertRowid,
    )
  }

  /** Writes the run's progress fields that are given. */
  update(id: number, p: Patch<R, O>): void {
    const names = Object.keys(p).filter((k) => (p as Record<string, unknown>)[k] !== undefined && k in COLUMNS)
    if (!names.length) return
    const sql = `UPDATE ${this.c.tables.runs} SET ${names.map((n) => `${COLUMNS[n]!.col} = ?`).join(', ')} WHERE id = ?`
    this.sql(sql).run(...names.map((n) => COLUMNS[n]!.store((p as Record<string, never>)[n]!)), id)
  }

  /** Appends rows to a run's record log (inside the caller's transaction). */
  log(runId: number, rows: readonly RecordLog<string>[]): void {
    const insert = this.sql(
      `INSERT INTO ${this.c.tables.records} (run_id, resource, remote_id, local_id, outcome, message, before, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    for (const r of rows)
      insert.run(
        runId,
        r.resource,
        r.remoteId,
        r.localId,
        r.outcome,
        r.message ?? null,
        r.before ?? null,
        r.changes ? JSON.stringify(r.changes) : null,
      )
  }

  /** A page of the record log, filtered by run, outcome and resource. */
  searchRecords(
    f: { runId?: number; outcome?: string; resource?: string },
    page: number,
    perPage: number,
  ): { rows: ImportRecordRow[]; total: number } {
    const clauses: string[] = []
    const args: unknown[] = []
    for (const [col, v] of [
      ['run_id', f.runId],
      ['outcome', f.outcome],
      ['resource', f.resource],
    ] as const)
      if (v !== undefined) clauses.push(`${col} = ?`), args.push(v)
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''
    const total = (
      this.sql(`SELECT COUNT(*) AS n FROM ${this.c.tables.records} ${where}`).get(...args) as { n: number }
    ).n
    const rows = this.sql(`${this.recordSelect} ${where} ORDER BY id LIMIT ? OFFSET ?`).all(
      ...args,
      perPage,
      (page - 1) * perPage,
    ) as RawRecord[]
    return { rows: rows.map(toRecord), total }
  }

  findRecord(id: number): ImportRecordRow | undefined {
    const r = this.sql(`${this.recordSelect} WHERE id = ?`).get(id) as RawRecord | undefined
    return r && toRecord(r)
  }

  /** The remote ids this run already logged for a resource: a resumed walk re-reads the index and skips them. */
  loggedIds(runId: number, resource: string): Set<number> {
    const rows = this.sql(
      `SELECT remote_id AS id FROM ${this.c.tables.records} WHERE run_id = ? AND resource = ? AND remote_id IS NOT NULL`,
    ).all(runId, resource) as { id: number }[]
    return new Set(rows.map((r) => r.id))
  }

  /**
   * A resumed resource retries the records the run failed (often the outage that interrupted it): their
   * failure rows go (a new failure is logged again). Returns how many, to take off the counters.
   */
  forgetFailures(runId: number, resource: string): number {
    return this.sql(
      `DELETE FROM ${this.c.tables.records} WHERE run_id = ? AND resource = ? AND outcome = 'failed' AND remote_id IS NOT NULL`,
    ).run(runId, resource).changes
  }

  /** Number of log rows of a run, optionally of one outcome. */
  countRecords(runId: number, outcome?: Outcome): number {
    const sql = `SELECT COUNT(*) AS n FROM ${this.c.tables.records} WHERE run_id = ?${outcome ? ' AND outcome = ?' : ''}`
    return (this.sql(sql).get(...(outcome ? [runId, outcome] : [runId])) as { n: number }).n
  }

  /** Rows of a run's log with a `before` (what overrides replaced), newest first. */
  overrides(runId: number): { resource: string; id: number; before: string }[] {
    return this.sql(
      `SELECT resource, local_id AS id, before FROM ${this.c.tables.records} WHERE run_id = ? AND outcome = 'updated' AND before IS NOT NULL ORDER BY id DESC`,
    ).all(runId) as { resource: string; id: number; before: string }[]
  }
}
