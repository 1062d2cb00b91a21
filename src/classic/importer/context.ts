import type { Deps } from '../../deps.js'
import { transaction } from '../../db/client.js'
import type { IdMap, ImportResource } from './id-map.js'
import type { Page, RemoteClient, Result } from '../../core/import/remote-client.js'
import { logRecords, updateRun, type Counters, type Cursor, type RecordLog, type RunRow } from './runs.repo.js'

/** Progress callback (the CLI's bars): a resource's counters changed. */
export type ProgressFn = (resource: ImportResource, counters: Counters) => void

/** Everything one run's phases share. Lives for the run only; the key lives inside `client`. */
export interface RunCtx {
  deps: Deps
  run: RunRow
  client: RemoteClient
  map: IdMap
  counters: Counters
  signal: AbortSignal
  /** Owner for records whose remote owner is unknown here: the importing user (CLI: null). */
  fallbackOwner: number | null
  dry: boolean
  downloadConcurrency: number
  progress: ProgressFn | undefined
  /** Remote → local ids resolved during the run. */
  sets: Map<number, number>
  elements: Map<number, number>
  elementByName: Map<string, number>
  itemTypes: Map<number, number>
  users: Map<number, number | null>
  collections: Map<number, number>
  /** Remote ids seen in a complete walk (mirror deletions need no extra listing then). */
  seen: Partial<Record<'items' | 'collections' | 'files', Set<number>>>
  /** The checkpoint as last committed. */
  cursor: Cursor
  /** Set when a page could not be read: the run ends completed_with_errors. */
  pageErrors: number
}

export function cancelled(ctx: RunCtx): boolean {
  return ctx.signal.aborted
}

/** Counts one outcome in the run's counters. */
export function count(ctx: RunCtx, resource: ImportResource, outcome: RecordLog['outcome']): void {
  const c = ctx.counters[resource]
  if (outcome in c) (c as unknown as Record<string, number>)[outcome]!++
}

/**
 * Commits one page: the writes `fn` makes, its log rows, counters and the checkpoint, in one
 * transaction, so a crash replays the whole page or none of it.
 */
export function commitPage(ctx: RunCtx, cursor: Cursor | null, fn: () => RecordLog[]): RecordLog[] {
  const { db } = ctx.deps
  if (cursor) ctx.cursor = cursor
  const logs = transaction(db, () => {
    const rows = fn()
    for (const r of rows) if (r.resource !== 'tags') count(ctx, r.resource, r.outcome)
    logRecords(db, ctx.run.id, rows)
    updateRun(db, ctx.run.id, { counters: ctx.counters, cursor: ctx.cursor, requests: ctx.run.requests + ctx.client.stats.requests, retries: ctx.run.retries + ctx.client.stats.retries, bytes: ctx.run.bytes + ctx.client.stats.bytes })
    return rows
  })
  for (const r of new Set(logs.map((l) => l.resource))) if (r !== 'tags') ctx.progress?.(r, ctx.counters)
  return logs
}

/** The URL of the page after `url` (what a resumed run starts from). */
export function nextPageUrl(url: string): string {
  const u = new URL(url)
  u.searchParams.set('page', String(Number(u.searchParams.get('page') ?? '1') + 1))
  return u.toString()
}

/**
 * Walks an index from `startUrl`, handing each page to `onPage` (which commits it). A page that
 * cannot be read after retries is logged as a failure of the resource and ends its walk.
 */
export async function walk(ctx: RunCtx, resource: ImportResource, startUrl: string, onPage: (page: Page) => Promise<void>): Promise<boolean> {
  let first = true
  for await (const r of ctx.client.pages(startUrl) as AsyncGenerator<Result<Page>>) {
    if (cancelled(ctx)) return false
    if (!r.ok) {
      ctx.pageErrors++
      commitPage(ctx, { resource, url: null }, () => [{ resource, remoteId: null, localId: null, outcome: 'failed', message: `Could not read ${resource}: ${r.error.message}` }])
      return false
    }
    if (first && r.value.total !== null) ctx.counters[resource].total = Math.max(ctx.counters[resource].total, r.value.total)
    first = false
    await onPage(r.value)
  }
  return !cancelled(ctx)
}
