import { IdMap } from './id-map.js'
import { keySecrets, redactText, type OriginKey } from './origin.js'
import type { ImportPort } from './port.js'
import { originClient, type ClientOptions } from './remote-client.js'
import { runStats, type ImportCtx, type ProgressFn } from './run-context.js'
import type { BaseRunOptions, Cursor, RunRow, RunStatus } from './run-store.js'

/** The abort reason that means "cancelled by the user"; any other abort leaves the run resumable. */
export const CANCEL = 'cancel'

export interface EngineOptions<R extends string> {
  key: OriginKey
  signal: AbortSignal
  fallbackOwner: number | null
  progress?: ProgressFn<R> | undefined
  client?: Partial<ClientOptions> | undefined
  downloadConcurrency?: number | undefined
  /** How far before the last clean run's start an incremental run looks (clock skew, slow writes). */
  safetyMarginMs?: number | undefined
}

/** A stored date (ISO, or Classic's `Y-m-d H:i:s` in UTC) in milliseconds. */
const parseStored = (s: string): number => Date.parse(s.includes('T') ? s : `${s.replace(' ', 'T')}Z`)

/**
 * The bound of an incremental run: the start of the last clean comparable run minus the margin (clock
 * skew between the two sites, writes in flight); null for a full run. A resumed run keeps its own.
 */
function sinceFor<R extends string, O extends BaseRunOptions>(port: ImportPort<R, O, ImportCtx<R, O>>, run: RunRow<R, O>, marginMs: number): string | null {
  if (run.options.full) return null
  if (run.cursor) return run.since
  const last = port.store.lastClean(run.origin, run.id, (o) => port.comparable(o, run.options))
  if (!last?.started) return null
  return new Date(parseStored(last.started) - marginMs).toISOString().replace(/\.\d+Z$/, 'Z')
}

function finalStatus(ctx: ImportCtx<string, BaseRunOptions>): RunStatus {
  if (ctx.signal.aborted) return 'cancelled'
  const failed = Object.values(ctx.counters).some((c) => c.failed > 0)
  return failed || ctx.pageErrors > 0 ? 'completed_with_errors' : 'completed'
}

async function runPhases<R extends string, O extends BaseRunOptions, C extends ImportCtx<R, O>>(port: ImportPort<R, O, C>, ctx: C, perPage: number): Promise<void> {
  const phases = port.phases(ctx.run)
  const start = ctx.cursor
  const found = phases.findIndex((p) => p.resource === start.resource)
  const startIndex = ['links', 'deletions', 'done'].includes(start.resource) ? phases.length : Math.max(0, found)
  for (const [i, phase] of phases.entries()) {
    if (ctx.signal.aborted) return
    if (i < startIndex && !phase.always) continue
    const resumed = i === startIndex && !!start.url
    const url = resumed ? start.url! : phase.url(ctx, perPage)
    if (i >= startIndex) ctx.cursor = { resource: phase.resource, url }
    await phase.run(ctx, url, resumed)
  }
  ctx.endsWalk = null
  if (!ctx.signal.aborted) await port.finish(ctx, start)
}

/**
 * Runs (or resumes, from its checkpoint) one import through a flavour's port: its phases in
 * dependency order, then what the port does at the end. Returns the final row; an interruption
 * other than a cancel leaves the run `running`, resumable.
 */
export async function runImport<R extends string, O extends BaseRunOptions, C extends ImportCtx<R, O>>(port: ImportPort<R, O, C>, runId: number, o: EngineOptions<R>): Promise<RunRow<R, O>> {
  const { store } = port
  const run = store.find(runId)
  if (!run) throw new Error(`No import run ${runId}`)
  const since = sinceFor(port as unknown as ImportPort<R, O, ImportCtx<R, O>>, run, o.safetyMarginMs ?? 5 * 60_000)
  const started = run.started ?? store.now()
  store.update(runId, { status: 'running', started, since, finished: null })
  const row = { ...run, since, started }
  const first = port.phases(row)[0]?.resource ?? 'done'
  const ctx = port.context({ ...baseCtx(port, row, o), cursor: run.cursor ?? { resource: first, url: null } })
  try {
    await runPhases(port, ctx, o.client?.perPage ?? 50)
    if (ctx.signal.aborted && ctx.signal.reason !== CANCEL) return store.find(runId)!
    const cursor: Cursor<R> = { resource: 'done', url: null }
    store.update(runId, { status: finalStatus(ctx as unknown as ImportCtx<string, BaseRunOptions>), cursor, finished: store.now(), counters: ctx.counters, ...runStats(ctx as unknown as ImportCtx<string, BaseRunOptions>) })
  } catch (err) {
    if (ctx.signal.aborted && ctx.signal.reason !== CANCEL) return store.find(runId)!
    const message = keySecrets(o.key).reduce<string>((m, k) => redactText(m, k), redactText((err as Error).message, null))
    store.update(runId, { status: 'failed', finished: store.now(), message, counters: ctx.counters, ...runStats(ctx as unknown as ImportCtx<string, BaseRunOptions>) })
  }
  return store.find(runId)!
}

function baseCtx<R extends string, O extends BaseRunOptions, C extends ImportCtx<R, O>>(port: ImportPort<R, O, C>, run: RunRow<R, O>, o: EngineOptions<R>): ImportCtx<R, O> {
  return {
    store: port.store,
    run,
    client: originClient(run.endpoint, o.key, { signal: o.signal, ...o.client }),
    map: new IdMap<R>(port.store.db, run.origin, (r) => port.liveTable(r)),
    counters: run.counters,
    signal: o.signal,
    fallbackOwner: o.fallbackOwner,
    downloadConcurrency: o.downloadConcurrency ?? 6,
    progress: o.progress,
    cursor: run.cursor ?? { resource: 'done', url: null },
    pageErrors: 0,
    since: run.since,
    restricted: new Set(port.restricted),
    endsWalk: null,
  }
}
