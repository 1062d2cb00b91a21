import { CANCEL, runImport, type EngineOptions } from './engine.js'
import { JobRunner } from './job-runner.js'
import type { OriginKey } from './origin.js'
import type { ImportPort, StartRequest } from './port.js'
import type { ClientOptions } from './remote-client.js'
import type { ImportCtx, ProgressFn } from './run-context.js'
import type { BaseRunOptions, RunRow } from './run-store.js'
import { undoRun } from './undo.js'

/** A Classic key given as a string is `{ key }`; an empty one is no key. */
const keyOf = (key: OriginKey | string): OriginKey => (typeof key === 'string' ? (key ? { key } : null) : key)

/** A refusal with the HTTP status the API answers it with. */
export class ImportError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export interface JobsOptions {
  /** Tests and the CLI: jobs run to completion before start() resolves. */
  inline?: boolean
  client?: Partial<ClientOptions>
  downloadConcurrency?: number
}

/**
 * In-process, cooperative import jobs of one target flavour: runs and undos run asynchronously, one
 * active run per origin; cancel aborts between pages. State lives in the database, keys never, so a
 * run left `running` by a crash is resumable (with the key given again).
 */
export class ImportJobs<R extends string, O extends BaseRunOptions, C extends ImportCtx<R, O>> {
  private readonly runner: JobRunner

  constructor(
    readonly port: ImportPort<R, O, C>,
    private readonly o: JobsOptions = {},
  ) {
    this.runner = new JobRunner(o.inline)
  }

  get store() {
    return this.port.store
  }

  isActive(id: number): boolean {
    return this.runner.isActive(id)
  }

  /** Pre-flight, then a new run (or the resumption of an interrupted one of the same origin). */
  async start(input: StartRequest<O, R>): Promise<RunRow<R, O>> {
    const req = { ...input, fromFlavor: input.fromFlavor ?? this.port.defaultFromFlavor, key: keyOf(input.key) }
    const pf = await this.port.preflight(req, this.o.client ?? {})
    if (!pf.ok) throw new ImportError(400, pf.message)
    const unfinished = this.store.unfinished(pf.origin)
    if (unfinished.some((r) => this.isActive(r.id))) throw new ImportError(409, `An import from ${pf.endpoint} is already running.`)
    const options = { ...req.options, authenticated: req.key !== null } as O
    const stale = unfinished.find((r) => r.status !== 'undoing')
    const id = stale?.id ?? this.store.insert({ endpoint: pf.endpoint, origin: pf.origin, omekaUrl: pf.omekaUrl, fromFlavor: pf.fromFlavor, options, ownerId: req.ownerId })
    // Pre-flight's requests reached the origin too: the run counts every request its access log shows.
    this.store.update(id, { requests: (stale?.requests ?? 0) + pf.requests })
    await this.launchImport(id, req.key, req.ownerId, req.progress)
    return this.store.find(id)!
  }

  /** Resumes an interrupted run from its checkpoint (the key is given again: it was never stored). */
  async resume(id: number, key: OriginKey | string, progress?: ProgressFn<R>): Promise<RunRow<R, O>> {
    const run = this.store.find(id)
    if (!run) throw new ImportError(404, 'Invalid record. Record not found.')
    if (this.isActive(id) || !['running', 'queued'].includes(run.status)) throw new ImportError(409, `Import ${id} is not interrupted (status ${run.status}).`)
    await this.launchImport(id, keyOf(key), run.ownerId, progress)
    return this.store.find(id)!
  }

  /** Cooperative cancel: an active run stops between pages; a queued or interrupted one is closed at once. */
  cancel(id: number): RunRow<R, O> {
    const run = this.store.find(id)
    if (!run) throw new ImportError(404, 'Invalid record. Record not found.')
    const stopping = this.runner.abort(id, CANCEL)
    if (!stopping && (run.status === 'queued' || run.status === 'running')) this.store.update(id, { status: 'cancelled', finished: this.store.now() })
    else if (!stopping) throw new ImportError(409, `Import ${id} cannot be cancelled (status ${run.status}).`)
    return this.store.find(id)!
  }

  /** Undoes a finished run (deletes what it created); the run shows `undoing`, then `undone`. */
  async undo(id: number, force: boolean): Promise<RunRow<R, O>> {
    const run = this.store.find(id)
    if (!run) throw new ImportError(404, 'Invalid record. Record not found.')
    if (this.isActive(id) || run.status === 'undone' || run.status === 'undoing') throw new ImportError(409, `Import ${id} cannot be undone (status ${run.status}).`)
    if (this.store.unfinished(run.origin).some((r) => this.isActive(r.id))) throw new ImportError(409, `An import from ${run.endpoint} is running; undo it afterwards.`)
    this.store.update(id, { status: 'undoing' })
    await this.launch(id, async () => undoRun(this.port, id, { force }))
    return this.store.find(id)!
  }

  /** Resolves when no job is running (tests, shutdown). */
  async idle(): Promise<void> {
    await this.runner.idle()
  }

  /** Stops every job as a crash would (status stays resumable). */
  interruptAll(): void {
    this.runner.interruptAll()
  }

  private launchImport(id: number, key: OriginKey, ownerId: number | null, progress?: ProgressFn<R>): Promise<void> {
    const opts: Omit<EngineOptions<R>, 'signal'> = { key, fallbackOwner: ownerId, progress, client: this.o.client, downloadConcurrency: this.o.downloadConcurrency }
    return this.launch(id, (signal) => runImport(this.port, id, { ...opts, signal }).then(() => undefined))
  }

  private launch(id: number, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    return this.runner.launch(id, work, (err) => this.store.update(id, { status: 'failed', message: err.message, finished: this.store.now() }))
  }
}
