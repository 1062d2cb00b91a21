import type { IdMap } from './id-map.js'
import { redactUrl } from './origin.js'
import type { Page, RemoteClient, Result } from './remote-client.js'
import type { BaseRunOptions, Counters, Cursor, RecordLog, RunRow, RunStore } from './run-store.js'

/** Progress callback (the CLI's bars): a resource's counters changed. */
export type ProgressFn<R extends string> = (resource: R, counters: Counters<R>) => void

/** What every run's phases share, in both flavours. Lives for the run only; the key lives inside `client`. */
export interface ImportCtx<R extends string, O extends BaseRunOptions> {
  store: RunStore<R, O>
  run: RunRow<R, O>
  client: RemoteClient
  map: IdMap<R>
  counters: Counters<R>
  signal: AbortSignal
  /** Owner of records whose remote owner is unknown here: the importing user (CLI: null). */
  fallbackOwner: number | null
  downloadConcurrency: number
  progress: ProgressFn<R> | undefined
  /** The checkpoint as last committed. */
  cursor: Cursor<R>
  /** Pages (or listings) that could not be read: the run ends completed_with_errors. */
  pageErrors: number
  /** Incremental runs: records modified after this are read; null for a full run. */
  since: string | null
  /** Resources whose index an origin may refuse to this key (a 403 there is its visibility rule). */
  restricted: ReadonlySet<R>
  /** Set by a phase whose index is sorted newest first: true ends the walk after this page. */
  endsWalk?: ((records: readonly unknown[]) => boolean) | null
  /** The index a walk could not read to its end: the run stops there and ends `interrupted` (never completed). */
  unread: { resource: R; message: string } | null
  /**
   * A resumed resource: the remote ids this run already logged. Its walk re-reads the index from the
   * first page and skips them, so records added or deleted at the origin meanwhile never shift what is read.
   */
  skip: { resource: R; ids: ReadonlySet<number> } | null
}

/**
 * Thrown by a page handler when something the page needs could not be read from the origin (an owner
 * during an outage): the page is not committed and the run stops `interrupted`, to re-read it on resume,
 * instead of writing records with a stand-in.
 */
export class OriginUnreadable extends Error {}

/** Whether a remote error is the origin being unavailable (network, 429, 5xx) rather than a refusal. */
export const isOutage = (e: { status: number | null }): boolean =>
  e.status === null || e.status === 429 || e.status >= 500

/** A record's remote id in either flavour's representation (`id` or `o:id`). */
export function remoteIdOf(raw: unknown): number | null {
  const r = raw as { id?: unknown; 'o:id'?: unknown } | null
  const id = r?.['o:id'] ?? r?.id
  return typeof id === 'number' ? id : null
}

/** Records read of a resource so far (every outcome a read record gets), over every attempt of the run. */
export function readCount(c: {
  created: number
  updated: number
  unchanged: number
  skipped: number
  failed: number
}): number {
  return c.created + c.updated + c.unchanged + c.skipped + c.failed
}

type AnyCtx = ImportCtx<string, BaseRunOptions>

/** The client's counters added to what earlier attempts of the run counted. */
export function runStats(ctx: AnyCtx): { requests: number; retries: number; bytes: number } {
  const s = ctx.client.stats
  return {
    requests: ctx.run.requests + s.requests,
    retries: ctx.run.retries + s.retries,
    bytes: ctx.run.bytes + s.bytes,
  }
}

/** Counts one outcome (resources without counters, e.g. Classic tags, are logged only). */
function count(ctx: AnyCtx, r: RecordLog<string>): void {
  const c = ctx.counters[r.resource] as unknown as Record<string, number> | undefined
  if (c && r.outcome in c) c[r.outcome]!++
}

/**
 * Commits one page: the writes `fn` makes, its log rows, counters and the checkpoint (its URL without
 * key parameters), in one transaction, so a crash replays the whole page or none of it.
 */
export function commitPage<R extends string, O extends BaseRunOptions>(
  ctx: ImportCtx<R, O>,
  cursor: Cursor<R> | null,
  fn: () => RecordLog<R>[],
): RecordLog<R>[] {
  if (cursor) ctx.cursor = { ...cursor, url: cursor.url && redactUrl(cursor.url) }
  const logs = ctx.store.transaction(() => {
    const rows = fn()
    for (const r of rows) count(ctx as unknown as AnyCtx, r)
    ctx.store.log(ctx.run.id, rows)
    ctx.store.update(ctx.run.id, { counters: ctx.counters, cursor: ctx.cursor, ...runStats(ctx as unknown as AnyCtx) })
    return rows
  })
  for (const r of new Set(logs.map((l) => l.resource))) if (r in ctx.counters) ctx.progress?.(r, ctx.counters)
  return logs
}

/** The URL of the page after `url`, without key parameters (a `Link` may echo them): where a resumed run starts. */
export function nextPageUrl(url: string): string {
  const u = new URL(url)
  u.searchParams.set('page', String(Number(u.searchParams.get('page') ?? '1') + 1))
  return redactUrl(u.toString())
}

/**
 * Walks an index from `startUrl`, handing each page to `onPage` (which commits it). A page that
 * cannot be read after retries is logged as a failure of the resource and ends its walk.
 */
export async function walk<R extends string, O extends BaseRunOptions>(
  ctx: ImportCtx<R, O>,
  resource: R,
  startUrl: string,
  onPage: (page: Page) => Promise<void> | void,
): Promise<boolean> {
  let first = true
  for await (const r of ctx.client.pages(startUrl) as AsyncGenerator<Result<Page>>) {
    if (ctx.signal.aborted) return false
    if (!r.ok && r.error.status === 403 && ctx.restricted.has(resource)) {
      // Expected: the origin does not show this resource to this key (Omeka S users to anonymous callers).
      commitPage(ctx, { resource, url: null }, () => [
        {
          resource,
          remoteId: null,
          localId: null,
          outcome: 'skipped' as const,
          message: `Not readable with ${ctx.run.options.authenticated ? 'this key' : 'no key'} (HTTP 403: ${r.error.message}); owners fall back to the importing user`,
        },
      ])
      return true
    }
    if (!r.ok) {
      // The index could not be read to its end: the checkpoint stays at the last committed page and the
      // run stops here, `interrupted` (a page is not a refused record: the counters are left alone).
      const message = `Could not read ${resource}: ${r.error.message}`
      ctx.unread = { resource, message }
      ctx.store.transaction(() =>
        ctx.store.log(ctx.run.id, [{ resource, remoteId: null, localId: null, outcome: 'failed', message }]),
      )
      return false
    }
    if (first && r.value.total !== null)
      ctx.counters[resource].total = Math.max(ctx.counters[resource].total, r.value.total)
    first = false
    const skip = ctx.skip?.resource === resource ? ctx.skip.ids : null
    const page = skip ? { ...r.value, records: r.value.records.filter((x) => !skip.has(remoteIdOf(x) ?? -1)) } : r.value
    try {
      await onPage(page)
    } catch (err) {
      if (!(err instanceof OriginUnreadable)) throw err
      ctx.unread = { resource, message: err.message }
      ctx.store.transaction(() =>
        ctx.store.log(ctx.run.id, [
          { resource, remoteId: null, localId: null, outcome: 'failed', message: err.message },
        ]),
      )
      return false
    }
    if (ctx.endsWalk?.(r.value.records)) break
  }
  return !ctx.signal.aborted
}

/** Every record of an index (small ones: vocabulary members, elements, item types), or null when unreadable. */
export async function readAll(ctx: { client: RemoteClient }, url: string): Promise<unknown[] | null> {
  const out: unknown[] = []
  for await (const r of ctx.client.pages(url)) {
    if (!r.ok) return null
    out.push(...r.value.records)
  }
  return out
}
