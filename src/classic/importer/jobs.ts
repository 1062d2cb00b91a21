import type { Deps } from '../../deps.js'
import { nowStored } from '../shared.js'
import type { ProgressFn } from './context.js'
import { CANCEL, runImport } from './engine.js'
import { preflight } from './preflight.js'
import type { ClientOptions } from '../../core/import/remote-client.js'
import { findRun, insertRun, unfinishedRuns, updateRun, type RunOptions, type RunRow } from './runs.repo.js'
import { undoRun } from './undo.js'
import { JobRunner } from '../../core/import/job-runner.js'

export class ImportError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export interface JobsOptions {
  /** Tests: jobs run to completion before start() resolves. */
  inline?: boolean
  client?: Partial<ClientOptions>
  downloadConcurrency?: number
}

export interface StartInput {
  endpoint: string
  key: string | null
  options: Omit<RunOptions, 'authenticated'>
  /** The importing user (owner fallback); null from the CLI. */
  ownerId: number | null
  /** This site's own URL, to refuse importing a site into itself. */
  self: string | null
  progress?: ProgressFn
}

/**
 * In-process, cooperative jobs: imports and undos run asynchronously, one active run per origin;
 * cancel aborts between pages. State lives in the database, so a run left `running` by a crash
 * is resumable (with the key given again).
 */
export class ImportJobs {
  private readonly runner: JobRunner

  constructor(
    private readonly deps: Deps,
    private readonly o: JobsOptions = {},
  ) {
    this.runner = new JobRunner(o.inline)
  }

  isActive(id: number): boolean {
    return this.runner.isActive(id)
  }

  /** Pre-flight, then a new run (or the resumption of an interrupted one of the same origin). */
  async start(input: StartInput): Promise<RunRow> {
    const pf = await preflight(input.endpoint, input.key, input.self, this.o.client)
    if (!pf.ok) throw new ImportError(400, pf.message)
    const options: RunOptions = { ...input.options, authenticated: input.key !== null && input.key !== '' }
    const unfinished = unfinishedRuns(this.deps.db, pf.origin)
    if (unfinished.some((r) => this.isActive(r.id))) throw new ImportError(409, `An import from ${pf.origin} is already running.`)
    const stale = unfinished.find((r) => r.status !== 'undoing')
    const id = stale?.id ?? insertRun(this.deps.db, { endpoint: pf.endpoint, origin: pf.origin, omekaUrl: pf.omekaUrl, options, ownerId: input.ownerId })
    await this.launch(id, (signal) => runImport(this.deps, id, { key: input.key || null, signal, fallbackOwner: input.ownerId, ...(input.progress ? { progress: input.progress } : {}), ...this.engineOpts() }).then(() => undefined))
    return findRun(this.deps.db, id)!
  }

  /** Resumes an interrupted run from its checkpoint (the key is asked for again: it was never stored). */
  async resume(id: number, key: string | null, progress?: ProgressFn): Promise<RunRow> {
    const run = findRun(this.deps.db, id)
    if (!run) throw new ImportError(404, 'Invalid record. Record not found.')
    if (this.isActive(id) || !['running', 'queued'].includes(run.status)) throw new ImportError(409, `Import ${id} is not interrupted (status ${run.status}).`)
    await this.launch(id, (signal) => runImport(this.deps, id, { key, signal, fallbackOwner: run.ownerId, ...(progress ? { progress } : {}), ...this.engineOpts() }).then(() => undefined))
    return findRun(this.deps.db, id)!
  }

  /** Cooperative cancel: an active run stops between pages; a queued or interrupted one is closed at once. */
  cancel(id: number): RunRow {
    const run = findRun(this.deps.db, id)
    if (!run) throw new ImportError(404, 'Invalid record. Record not found.')
    const stopping = this.runner.abort(id, CANCEL)
    if (!stopping && (run.status === 'queued' || run.status === 'running')) updateRun(this.deps.db, id, { status: 'cancelled', finished: nowStored() })
    else if (!stopping) throw new ImportError(409, `Import ${id} cannot be cancelled (status ${run.status}).`)
    return findRun(this.deps.db, id)!
  }

  /** Queues the undo of a finished run; the run shows `undoing`, then `undone`. */
  async undo(id: number, force: boolean): Promise<RunRow> {
    const run = findRun(this.deps.db, id)
    if (!run) throw new ImportError(404, 'Invalid record. Record not found.')
    if (this.isActive(id) || run.status === 'undone' || run.status === 'undoing') throw new ImportError(409, `Import ${id} cannot be undone (status ${run.status}).`)
    if (unfinishedRuns(this.deps.db, run.origin).some((r) => this.isActive(r.id))) throw new ImportError(409, `An import from ${run.origin} is running; undo it afterwards.`)
    updateRun(this.deps.db, id, { status: 'undoing' })
    await this.launch(id, async () => undoRun(this.deps, id, { force }))
    return findRun(this.deps.db, id)!
  }

  /** Resolves when no job is running (tests, shutdown). */
  async idle(): Promise<void> {
    await this.runner.idle()
  }

  /** Stops every job as a crash would (status stays resumable). */
  interruptAll(): void {
    this.runner.interruptAll()
  }

  private engineOpts() {
    return { ...(this.o.client ? { client: this.o.client } : {}), ...(this.o.downloadConcurrency ? { downloadConcurrency: this.o.downloadConcurrency } : {}) }
  }

  private launch(id: number, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    return this.runner.launch(id, work, (err) => updateRun(this.deps.db, id, { status: 'failed', message: err.message, finished: nowStored() }))
  }
}
