import { CANCEL, runImport, type EngineOptions } from './engine.js'
import { JobRunner } from './job-runner.js'
import type { OriginKey } from './origin.js'
import type { ImportPort, StartRequest } from './port.js'
import { originClient, type ClientOptions } from './remote-client.js'
import type { ImportCtx, ProgressFn } from './run-context.js'
import { isResumable, type BaseRunOptions, type RunRow } from './run-store.js'
import { undoRun } from './undo.js'

/** A Classic key given as a string is `{ key }`; an empty one is no key. */
const keyOf = (key: OriginKey | string): OriginKey => (typeof key === 'string' ? (key ? { key } : null) : key)

/** How many items the origin shows to this key (its total header), or null when it cannot be read. */
async function itemsTotal(
  endpoint: string,
  key: OriginKey,
  client: Partial<ClientOptions> = {},
): Promise<number | null> {
  const c = originClient(endpoint, key, { maxAttempts: 3, ...client })
  const r = await c.getJson(c.apiUrl('items', { per_page: '1' }))
  if (!r.ok) return null
  const total = Number(
    r.value.headers.get('Omeka-Total-Results') ?? r.value.headers.get('Omeka-S-Total-Results') ?? NaN,
  )
  return Number.isFinite(total) ? total : null
}

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
 * run left `interrupted` (or `running` by a crash) or cancelled is resumable (with the key given again).
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
    if (unfinished.some((r) => this.isActive(r.id)))
      throw new ImportError(409, `An import from ${pf.endpoint} is already running.`)
    const options = { ...req.options, authenticated: req.key !== null } as O
    const stale = unfinished.find((r) => r.status !== 'undoing')
    if (stale) await this.checkResumeKey(stale, req.key)
    const id =
      stale?.id ??
      this.store.insert({
        endpoint: pf.endpoint,
        origin: pf.origin,
        omekaUrl: pf.omekaUrl,
        fromFlavor: pf.fromFlavor,
        options,
        ownerId: req.ownerId,
      })
    // Pre-flight's requests reached the origin too: the run counts every request its access log shows.
    this.store.update(id, { requests: (stale?.requests ?? 0) + pf.requests })
    await this.launchImport(id, req.key, req.ownerId, req.progress)
    return this.store.find(id)!
  }

  /** Resumes an interrupted run from its checkpoint (the key is given again: it was never stored). */
  async resume(id: number, key: OriginKey | string, progress?: ProgressFn<R>): Promise<RunRow<R, O>> {
    const run = this.store.find(id)
    if (!run) throw new ImportError(404, 'Invalid record. Record not found.')
    if (this.isActive(id) || !isResumable(run))
      throw new ImportError(409, `Import ${id} is not interrupted (status ${run.status}).`)
    await this.checkResumeKey(run, keyOf(key))
    await this.launchImport(id, keyOf(key), run.ownerId, progress)
    return this.store.find(id)!
  }

  /**
   * A run goes on only with a key that sees what its first key saw: a keyed run resumed without a key
   * would skip every private record and still end completed (issue 14). The key is checked against the
   * origin first: pre-flight (it authenticates), then the items it sees compared with an anonymous caller's.
   */
  private async checkResumeKey(run: RunRow<R, O>, key: OriginKey): Promise<void> {
    const how = 'Give the key again: --key-file FILE, OMEKA_TWIN_ORIGIN_KEY, or the prompt (API: "key" in the body)'
    if (run.options.authenticated && !key)
      throw new ImportError(
        400,
        `Import ${run.id} was started with an API key; resuming it without one would skip every record only that key can read. ${how}.`,
      )
    if (!run.options.authenticated && key)
      throw new ImportError(
        400,
        `Import ${run.id} was started without an API key; resume it without one (or start a new run with the key).`,
      )
    if (!key) return
    const pf = await this.port.preflight(
      {
        endpoint: run.endpoint,
        fromFlavor: run.fromFlavor,
        key,
        options: run.options,
        ownerId: run.ownerId,
        self: null,
      },
      this.o.client ?? {},
    )
    if (!pf.ok) throw new ImportError(400, `Import ${run.id} cannot resume with this key: ${pf.message}`)
    const saw = (run.counters as Record<string, { total: number } | undefined>).items?.total ?? 0
    if (!saw) return
    const [keyed, anonymous] = await Promise.all([
      itemsTotal(run.endpoint, key, this.o.client),
      itemsTotal(run.endpoint, null, this.o.client),
    ])
    if (keyed === null || anonymous === null)
      throw new ImportError(
        400,
        `Import ${run.id} cannot resume: the origin's items could not be counted to check the key.`,
      )
    if (saw > anonymous && keyed <= anonymous)
      throw new ImportError(
        400,
        `Import ${run.id} cannot resume with this key: it sees ${keyed} items, no more than a caller without a key (${anonymous}); the run's key saw ${saw}. ${how}.`,
      )
  }

  /** Cooperative cancel: an active run stops between pages; a queued or interrupted one is closed at once. */
  cancel(id: number): RunRow<R, O> {
    const run = this.store.find(id)
    if (!run) throw new ImportError(404, 'Invalid record. Record not found.')
    const stopping = this.runner.abort(id, CANCEL)
    if (!stopping && ['queued', 'running', 'interrupted'].includes(run.status))
      this.store.update(id, { status: 'cancelled', finished: this.store.now() })
    else if (!stopping) throw new ImportError(409, `Import ${id} cannot be cancelled (status ${run.status}).`)
    return this.store.find(id)!
  }

  /** Undoes a finished run (deletes what it created); the run shows `undoing`, then `undone`. */
  async undo(id: number, force: boolean): Promise<RunRow<R, O>> {
    const run = this.store.find(id)
    if (!run) throw new ImportError(404, 'Invalid record. Record not found.')
    if (this.isActive(id) || run.status === 'undone' || run.status === 'undoing')
      throw new ImportError(409, `Import ${id} cannot be undone (status ${run.status}).`)
    if (this.store.unfinished(run.origin).some((r) => this.isActive(r.id)))
      throw new ImportError(409, `An import from ${run.endpoint} is running; undo it afterwards.`)
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
    const opts: Omit<EngineOptions<R>, 'signal'> = {
      key,
      fallbackOwner: ownerId,
      progress,
      client: this.o.client,
      downloadConcurrency: this.o.downloadConcurrency,
    }
    return this.launch(id, (signal) => runImport(this.port, id, { ...opts, signal }).then(() => undefined))
  }

  private launch(id: number, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    return this.runner.launch(id, work, (err) =>
      this.store.update(id, { status: 'failed', message: err.message, finished: this.store.now() }),
    )
  }
}
