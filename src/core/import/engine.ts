import { IdMap } from './id-map.js'
import { keySecrets, redactText, redactUrl, type OriginKey } from './origin.js'
import type { ImportPort } from './port.js'
import { originClient, type ClientOptions } from './remote-client.js'
import { readCount, runStats, targetFull, type ImportCtx, type ProgressFn } from './run-context.js'
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
function sinceFor<R extends string, O extends BaseRunOptions>(
  port: ImportPort<R, O, ImportCtx<R, O>>,
  run: RunRow<R, O>,
  marginMs: number,
): string | null {
  if (run.options.full || !port.incremental(run)) return null
  if (run.cursor) return run.since
  const last = port.store.lastClean(run.origin, run.id, (o) => port.comparable(o, run.options))
  if (!last?.started) return null
  return new Date(parseStored(last.started) - marginMs).toISOString().replace(/\.\d+Z$/, 'Z')
}

/** Why a run did not read everything: the resource it stopped in (read / total) and the resources never started. */
function unreadSummary(
  ctx: ImportCtx<string, BaseRunOptions>,
  phases: readonly string[],
  at: string | null,
  cause: string,
): string {
  const parts: string[] = []
  const from = at === null ? -1 : phases.indexOf(at)
  if (at !== null && from >= 0) {
    const c = ctx.counters[at]!
    const read = readCount(c)
    parts.push(c.total > read ? `${at}: ${c.total - read} of ${c.total} never read` : `${at}: not read to its end`)
    const later = phases.slice(from + 1)
    if (later.length) parts.push(`not started: ${later.join(', ')}`)
  }
  return `${cause}${parts.length ? ` (${parts.join('; ')})` : ''}. The run is resumable from its checkpoint.`
}

/**
 * The one place a run's end is decided. A run that did not read every record it should have never
 * ends `completed` or `completed_with_errors`: cancelled, or `interrupted` (resumable) with what is missing.
 */
function finalStatus(
  ctx: ImportCtx<string, BaseRunOptions>,
  phases: readonly string[],
): { status: RunStatus; message: string | null } {
  const at = ctx.cursor.resource
  if (ctx.signal.aborted && ctx.signal.reason === CANCEL)
    return { status: 'cancelled', message: unreadSummary(ctx, phases, at, 'Cancelled') }
  if (ctx.signal.aborted) return { status: 'interrupted', message: unreadSummary(ctx, phases, at, 'Interrupted') }
  if (ctx.unread)
    return { status: 'interrupted', message: unreadSummary(ctx, phases, ctx.unread.resource, ctx.unread.message) }
  if (ctx.pageErrors > 0)
    return {
      status: 'interrupted',
      message: `${ctx.pageErrors} index${ctx.pageErrors > 1 ? 'es' : ''} of the origin could not be read (see the failed rows of the record log). The run is resumable from its checkpoint.`,
    }
  const failed = Object.values(ctx.counters).some((c) => c.failed > 0)
  return { status: failed ? 'completed_with_errors' : 'completed', message: null }
}

async function runPhases<R extends string, O extends BaseRunOptions, C extends ImportCtx<R, O>>(
  port: ImportPort<R, O, C>,
  ctx: C,
  perPage: number,
): Promise<void> {
  const phases = port.phases(ctx.run)
  const start = ctx.cursor
  const found = phases.findIndex((p) => p.resource === start.resource)
  const startIndex = ['links', 'deletions', 'done'].includes(start.resource) ? phases.length : Math.max(0, found)
  for (const [i, phase] of phases.entries()) {
    if (ctx.signal.aborted || ctx.unread) return
    if (i < startIndex && !phase.always) continue
    const resumed = i === startIndex && !!start.url
    // A resumed resource is re-read from its first page, skipping the records this run already logged
    // (ids, not page numbers: deletions or additions at the origin since never shift what is read).
    if (resumed) ctx.counters[phase.resource].failed -= ctx.store.forgetFailures(ctx.run.id, phase.resource)
    ctx.skip = resumed ? { resource: phase.resource, ids: ctx.store.loggedIds(ctx.run.id, phase.resource) } : null
    const url = phase.url(ctx, perPage)
    if (i >= startIndex) ctx.cursor = { resource: phase.resource, url: redactUrl(url) }
    await phase.run(ctx, url, resumed)
    ctx.skip = null
  }
  ctx.endsWalk = null
  if (!ctx.signal.aborted && !ctx.unread) await port.finish(ctx, start)
}

/**
 * Runs (or resumes, from its checkpoint) one import through a flavour's port: its phases in
 * dependency order, then what the port does at the end. Returns the final row; an interruption
 * leaves it `interrupted` (a cancel `cancelled`), resumable from its checkpoint.
 */
export async function runImport<R extends string, O extends BaseRunOptions, C extends ImportCtx<R, O>>(
  port: ImportPort<R, O, C>,
  runId: number,
  o: EngineOptions<R>,
): Promise<RunRow<R, O>> {
  const { store } = port
  const run = store.find(runId)
  if (!run) throw new Error(`No import run ${runId}`)
  const since = sinceFor(port as unknown as ImportPort<R, O, ImportCtx<R, O>>, run, o.safetyMarginMs ?? 5 * 60_000)
  const started = run.started ?? store.now()
  store.update(runId, { status: 'running', started, since, finished: null, message: null })
  const row = { ...run, since, started }
  const first = port.phases(row)[0]?.resource ?? 'done'
  const ctx = port.context({ ...baseCtx(port, row, o), cursor: run.cursor ?? { resource: first, url: null } })
  const any = ctx as unknown as ImportCtx<string, BaseRunOptions>
  const names = port.phases(row).map((p) => p.resource as string)
  try {
    await runPhases(port, ctx, o.client?.perPage ?? 50)
    const end = finalStatus(any, names)
    // Only a run that read everything moves its checkpoint to the end; any other keeps it, to resume from.
    const cursor: Cursor<R> =
      end.status === 'completed' || end.status === 'completed_with_errors'
        ? { resource: 'done', url: null }
        : ctx.cursor
    store.update(runId, {
      status: end.status,
      cursor,
      finished: store.now(),
      message: end.message,
      counters: ctx.counters,
      ...runStats(any),
    })
  } catch (err) {
    const reason = keySecrets(o.key).reduce<string>(
      (m, k) => redactText(m, k),
      redactText((err as Error).message, null),
    )
    // An abort (Ctrl-C, shutdown, cancel) that surfaced as an error is still an interruption, not a failure;
    // so is a full target (its page was rolled back; once space is back the run resumes from its checkpoint).
    const full = targetFull(err)
    const end = ctx.signal.aborted
      ? finalStatus(any, names)
      : full
        ? {
            status: 'interrupted' as const,
            message: unreadSummary(
              any,
              names,
              ctx.cursor.resource,
              `The target is out of space (${reason.startsWith(full) ? reason : `${full}: ${reason}`})`,
            ),
          }
        : { status: 'failed' as const, message: unreadSummary(any, names, ctx.cursor.resource, reason) }
    try {
      store.update(runId, {
        status: end.status,
        cursor: ctx.cursor,
        finished: store.now(),
        message: end.message,
        counters: ctx.counters,
        ...runStats(any),
      })
    } catch (again) {
      // The database itself is full: the run row keeps `running` and its last committed checkpoint, which is
      // resumable as after a crash; anything else is a bug to surface.
      if (!targetFull(again)) throw again
    }
  }
  return store.find(runId)!
}

function baseCtx<R extends string, O extends BaseRunOptions, C extends ImportCtx<R, O>>(
  port: ImportPort<R, O, C>,
  run: RunRow<R, O>,
  o: EngineOptions<R>,
): ImportCtx<R, O> {
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
    unread: null,
    skip: null,
  }
}
