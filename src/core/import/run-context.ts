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

/**
 * The code of an error that means the target's disk (files or database) is full, else null. Such an error is
 * never a refused record: the handlers that log a failed record and go on rethrow it (`keepTargetFull`), and
 * the run stops `interrupted`, resumable once space is back.
 */
export function targetFull(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL' ? code : null
}

/** Rethrows a full-disk error (see targetFull); any other is the caller's to log as a failed record. */
export function keepTargetFull(err: unknown): void {
  if (targetFull(err)) throw err
}

/** Whether a remote error is the origin being unavailable (network, 429, 5xx) rather than a refusal. */
export const isOutage = (e: { status: number | null }): boolean =>
  e.status === null || e.status === 429 || e.status >= 500

/**
 * Whether a download failed because the origin is unavailable (the retries ran out on a network error, a 429
 * or a 5xx) rather than refused (a 4xx, a URL the policy forbids, too many bytes): the bytes were never read.
 */
export const downloadUnavailable = (e: { retry: boolean }): boolean => e.retry

/**
 * A page whose files could not be downloaded during an outage is not committed: the bytes already stored
 * for it are removed (`discard`) and the run stops `interrupted` on that resource, to read the page again on
 * resume, instead of logging the files as refused records (a run that ends `completed_with_errors` with
 * their bytes missing, which no resume would fetch).
 */
export function throwIfDownloadsUnavailable(what: string, failures: readonly string[], discard: () => void): void {
  if (!failures.length) return
  discard()
  throw new OriginUnreadable(
    `Could not download ${failures.length} ${what}${failures.length > 1 ? 's' : ''} of a page (${failures[0]})`,
  )
}

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

/** When a record was created at its origin (Classic `added`, Omeka S `o:created`), in ms; null when it does not say. */
export function createdOf(raw: unknown): number | null {
  const r = raw as { added?: unknown; 'o:created'?: { '@value'?: unknown } | null } | null
  const at = r?.['o:created']?.['@value'] ?? r?.added
  const ms = typeof at === 'string' ? Date.parse(at) : NaN
  return Number.isNaN(ms) ? null : ms
}

/** Passes over one index before a walk that keeps seeing the origin change gives up (the run stays resumable). */
const MAX_PASSES = 3

/**
 * What one pass over an index saw of the origin changing under it. Pages are read by number, so a record
 * deleted (or hidden) before the page being read shifts the rest left and one record would never be read;
 * the totals the pages report, and records created since the pass began, say whether that may have happened.
 */
class PassWatch {
  private first: number | null = null
  private lowest = Infinity
  private highest = -Infinity
  private since: number | null = null
  /** Records first seen in this pass that the origin created after the pass began. */
  added = 0

  page(page: Page, fresh: readonly unknown[]): void {
    if (page.total !== null) {
      this.first ??= page.total
      this.lowest = Math.min(this.lowest, page.total)
      this.highest = Math.max(this.highest, page.total)
    }
    // The origin's own clock (Date has whole seconds, as Omeka's dates do): a record of the same second counts as
    // new; one dated after the page's answer (a seeded or imported date) was not created during the pass.
    if (page.date == null) return
    this.since ??= page.date - (page.date % 1000)
    for (const x of fresh) {
      const created = createdOf(x)
      if (created !== null && created >= this.since && created <= page.date) this.added++
    }
  }

  /**
   * Whether a record may have been skipped: the index shrank somewhere (a deletion before the position read), or
   * its total moved by other than the records seen being created (an addition hiding a deletion, a record
   * shown). Only additions at the end, all of them read, leave nothing unread.
   */
  get moved(): boolean {
    if (this.first === null) return false
    return this.lowest < this.first || this.highest !== this.first + this.added
  }
}

/**
 * Walks an index from `startUrl`, handing each page to `onPage` (which commits it). A page that cannot be
 * read after retries is logged as a failure of the resource and ends its walk, `interrupted`.
 *
 * Positions are origin ids, not page numbers: a record read once in the walk (or logged by an earlier attempt
 * of a resumed run) is never handed over again, and when the origin changed under the walk in a way that can
 * shift pages, the index is walked again, skipping what was read, until a pass sees no such change (at most
 * MAX_PASSES; then the run stops `interrupted`, naming the resource, and a resume reads what is missing).
 */
export async function walk<R extends string, O extends BaseRunOptions>(
  ctx: ImportCtx<R, O>,
  resource: R,
  startUrl: string,
  onPage: (page: Page) => Promise<void> | void,
): Promise<boolean> {
  const seen = new Set<number>()
  for (let pass = 1; ; pass++) {
    const watch = new PassWatch()
    const done = await walkPass(ctx, resource, startUrl, onPage, seen, watch, pass === 1)
    if (done !== 'read') return done
    if (!watch.moved) return !ctx.signal.aborted
    if (pass >= MAX_PASSES) {
      const message = `Could not read ${resource}: the origin kept changing while they were read (${pass} passes; records deleted or added between pages)`
      ctx.unread = { resource, message }
      ctx.store.transaction(() =>
        ctx.store.log(ctx.run.id, [{ resource, remoteId: null, localId: null, outcome: 'failed', message }]),
      )
      return false
    }
  }
}

/** One pass over an index: true/false as `walk` ends, or 'read' when every page was read (or the walk was ended early). */
async function walkPass<R extends string, O extends BaseRunOptions>(
  ctx: ImportCtx<R, O>,
  resource: R,
  startUrl: string,
  onPage: (page: Page) => Promise<void> | void,
  seen: Set<number>,
  watch: PassWatch,
  firstPass: boolean,
): Promise<boolean | 'read'> {
  let first = firstPass
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
    const fresh = r.value.records.filter((x) => {
      const id = remoteIdOf(x)
      if (id === null) return true
      if (seen.has(id) || skip?.has(id)) return false
      seen.add(id)
      return true
    })
    watch.page(r.value, fresh)
    try {
      await onPage({ ...r.value, records: fresh })
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
  return ctx.signal.aborted ? false : 'read'
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
