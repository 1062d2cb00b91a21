import type { SDeps } from '../deps.js'
import { JobRunner } from '../../importer/job-runner.js'
import { ImportError } from '../../importer/jobs.js'
import { canonicalOrigin, normalizeEndpoint, NO_SCHEME } from '../../importer/origin.js'
import { preflight } from '../../importer/preflight.js'
import { sameServer } from '../../importer/origin-policy.js'
import type { ClientOptions } from '../../importer/remote-client.js'
import type { SProgressFn } from './context.js'
import { runSImport, sourceClient, S_CANCEL, type SourceKey } from './engine.js'
import { findSRun, insertSRun, nowS, unfinishedSRuns, updateSRun, type SRunOptions, type SRunRow } from './runs.repo.js'
import { undoSRun } from './undo.js'

export interface SJobsOptions {
  /** Tests and the CLI: jobs run to completion before start() resolves. */
  inline?: boolean
  client?: Partial<ClientOptions>
  downloadConcurrency?: number
}

export interface SStartInput {
  endpoint: string
  fromFlavor: 's' | 'classic'
  key: SourceKey
  options: Omit<SRunOptions, 'authenticated'>
  ownerId: number | null
  /** This site's own API URL, to refuse importing a site into itself. */
  self: string | null
  progress?: SProgressFn
}

/** Checks an Omeka S origin: reachable, an S API (Omeka-S-Version), and a key that authenticates. */
async function preflightS(raw: string, key: SourceKey, self: string | null, client: Partial<ClientOptions>): Promise<{ endpoint: string } | { message: string }> {
  const first = normalizeEndpoint(raw)
  if (!first) return { message: NO_SCHEME }
  let last = `Error accessing the API at ${first}, check that you have the right URL`
  for (const endpoint of /\/api$/i.test(first) ? [first] : [first, `${first}/api`]) {
    if (self && (canonicalOrigin(endpoint) === canonicalOrigin(self) || (await sameServer(endpoint, self)))) return { message: 'You cannot import a site into itself' }
    const c = sourceClient(endpoint, key, { timeoutMs: 10_000, maxAttempts: 2, baseDelayMs: 100, ...client })
    const r = await c.getJson(c.apiUrl(key ? 'users' : 'items', { per_page: '1' }))
    if (!r.ok && r.error.status === null) return { message: `Unable to connect to ${endpoint}` }
    if (r.ok && r.value.headers.get('Omeka-S-Version')) return { endpoint }
    if (!r.ok && r.error.status === 403) return { message: 'The provided API key was invalid' }
    last = `${endpoint} is not an Omeka S API URL`
  }
  return { message: last }
}

/** Import jobs into the Omeka S database: one active run per origin; state in the database, keys never. */
export class SImportJobs {
  private readonly runner: JobRunner

  constructor(
    private readonly deps: SDeps,
    private readonly o: SJobsOptions = {},
  ) {
    this.runner = new JobRunner(o.inline)
  }

  isActive(id: number): boolean {
    return this.runner.isActive(id)
  }

  /** Pre-flight, then a new run (or the resumption of an interrupted one of the same origin). */
  async start(input: SStartInput): Promise<SRunRow> {
    const pf = input.fromFlavor === 'classic'
      ? await preflight(input.endpoint, input.key && 'key' in input.key ? input.key.key : null, null, this.o.client).then((p) => (p.ok ? { endpoint: p.endpoint } : { message: p.message }))
      : await preflightS(input.endpoint, input.key, input.self, this.o.client ?? {})
    if ('message' in pf) throw new ImportError(400, pf.message)
    const origin = `${input.fromFlavor}:${canonicalOrigin(pf.endpoint)}`
    const unfinished = unfinishedSRuns(this.deps.db, origin)
    if (unfinished.some((r) => this.isActive(r.id))) throw new ImportError(409, `An import from ${pf.endpoint} is already running.`)
    const options: SRunOptions = { ...input.options, authenticated: input.key !== null }
    const stale = unfinished.find((r) => r.status !== 'undoing')
    const id = stale?.id ?? insertSRun(this.deps.db, { endpoint: pf.endpoint, origin, fromFlavor: input.fromFlavor, options, ownerId: input.ownerId })
    await this.launchImport(id, input.key, input.ownerId, input.progress)
    return findSRun(this.deps.db, id)!
  }

  /** Resumes an interrupted run from its checkpoint (the key is given again: it was never stored). */
  async resume(id: number, key: SourceKey, progress?: SProgressFn): Promise<SRunRow> {
    const run = findSRun(this.deps.db, id)
    if (!run) throw new ImportError(404, 'Invalid record. Record not found.')
    if (this.isActive(id) || !['running', 'queued'].includes(run.status)) throw new ImportError(409, `Import ${id} is not interrupted (status ${run.status}).`)
    await this.launchImport(id, key, run.ownerId, progress)
    return findSRun(this.deps.db, id)!
  }

  /** Cooperative cancel: an active run stops between pages; an interrupted one is closed at once. */
  cancel(id: number): SRunRow {
    const run = findSRun(this.deps.db, id)
    if (!run) throw new ImportError(404, 'Invalid record. Record not found.')
    const stopping = this.runner.abort(id, S_CANCEL)
    if (!stopping && (run.status === 'queued' || run.status === 'running')) updateSRun(this.deps.db, id, { status: 'cancelled', finished: nowS() })
    else if (!stopping) throw new ImportError(409, `Import ${id} cannot be cancelled (status ${run.status}).`)
    return findSRun(this.deps.db, id)!
  }

  /** Undoes a finished run (deletes what it created); the run shows `undoing`, then `undone`. */
  async undo(id: number, force: boolean): Promise<SRunRow> {
    const run = findSRun(this.deps.db, id)
    if (!run) throw new ImportError(404, 'Invalid record. Record not found.')
    if (this.isActive(id) || run.status === 'undone' || run.status === 'undoing') throw new ImportError(409, `Import ${id} cannot be undone (status ${run.status}).`)
    if (unfinishedSRuns(this.deps.db, run.origin).some((r) => this.isActive(r.id))) throw new ImportError(409, `An import from ${run.endpoint} is running; undo it afterwards.`)
    updateSRun(this.deps.db, id, { status: 'undoing' })
    await this.runner.launch(id, async () => undoSRun(this.deps, id, { force }), (err) => this.failed(id, err))
    return findSRun(this.deps.db, id)!
  }

  async idle(): Promise<void> {
    await this.runner.idle()
  }

  interruptAll(): void {
    this.runner.interruptAll()
  }

  private failed(id: number, err: Error): void {
    updateSRun(this.deps.db, id, { status: 'failed', message: err.message, finished: nowS() })
  }

  private launchImport(id: number, key: SourceKey, ownerId: number | null, progress?: SProgressFn): Promise<void> {
    const opts = { key, fallbackOwner: ownerId, ...(progress ? { progress } : {}), ...(this.o.client ? { client: this.o.client } : {}), ...(this.o.downloadConcurrency ? { downloadConcurrency: this.o.downloadConcurrency } : {}) }
    return this.runner.launch(id, (signal) => runSImport(this.deps, id, { ...opts, signal }).then(() => undefined), (err) => this.failed(id, err))
  }
}
