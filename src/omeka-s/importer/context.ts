import type { SDeps } from '../deps.js'
import { sTransaction } from '../db/client.js'
import { Catalog } from '../resources/catalog.js'
import type { Page, RemoteClient, Result } from '../../core/import/remote-client.js'
import { redactUrl } from '../../core/import/origin.js'
import { nextPageUrl as classicNextPageUrl } from '../../classic/importer/context.js'
import type { SIdMap } from './id-map.js'
import { logSRecords, updateSRun, type SCounters, type SCursor, type SImportResource, type SRecordLog, type SRunRow } from './runs.repo.js'

/** Progress callback (the CLI's bars). */
export type SProgressFn = (resource: SImportResource, counters: SCounters) => void

/** What one run's phases share; lives for the run only (the key lives inside `client`). */
export interface SRunCtx {
  deps: SDeps
  run: SRunRow
  client: RemoteClient
  map: SIdMap
  counters: SCounters
  signal: AbortSignal
  /** Owner of records whose remote owner is unknown here: the importing user (CLI: null). */
  fallbackOwner: number | null
  downloadConcurrency: number
  progress: SProgressFn | undefined
  /** Vocabulary terms and templates of this database (refreshed after schema phases). */
  catalog: Catalog
  /** Remote property and class ids → terms (S → S). */
  remoteTerms: { properties: Map<number, string>; classes: Map<number, string> }
  /** Classic → S: remote element id → element set and name; item type id → name and element ids. */
  classic: { elements: Map<number, { set: string; name: string }>; itemTypes: Map<number, { name: string; elements: number[] }> }
  cursor: SCursor
  pageErrors: number
  /** Incremental runs: records modified after this (ISO) are read; null for a full run. */
  since: string | null
  /** An S index sorted by modified (desc) ends at the first page reaching records older than this (ms). */
  stopBefore: number | null
}

/** Counts one outcome. */
function count(ctx: SRunCtx, r: SRecordLog): void {
  const c = ctx.counters[r.resource] as unknown as Record<string, number>
  if (r.outcome in c) c[r.outcome]!++
}

/** Commits one page: its writes, log rows, counters and checkpoint in one transaction (a crash replays the page). */
export function commitPage(ctx: SRunCtx, cursor: SCursor | null, fn: () => SRecordLog[]): SRecordLog[] {
  const { db } = ctx.deps
  if (cursor) ctx.cursor = { ...cursor, url: cursor.url && redactUrl(cursor.url) }
  const s = ctx.client.stats
  const logs = sTransaction(db, () => {
    const rows = fn()
    rows.forEach((r) => count(ctx, r))
    logSRecords(db, ctx.run.id, rows)
    updateSRun(db, ctx.run.id, { counters: ctx.counters, cursor: ctx.cursor, requests: ctx.run.requests + s.requests, retries: ctx.run.retries + s.retries, bytes: ctx.run.bytes + s.bytes })
    return rows
  })
  for (const r of new Set(logs.map((l) => l.resource))) ctx.progress?.(r, ctx.counters)
  return logs
}

/** The URL of the page after `url`, without key parameters (an S `Link` echoes them). */
export const nextPageUrl = (url: string): string => redactUrl(classicNextPageUrl(url))

/** Walks an index from `startUrl`; a page unreadable after retries is logged as a failure and ends the walk. */
export async function walk(ctx: SRunCtx, resource: SImportResource, startUrl: string, onPage: (page: Page) => Promise<void> | void): Promise<boolean> {
  let first = true
  for await (const r of ctx.client.pages(startUrl) as AsyncGenerator<Result<Page>>) {
    if (ctx.signal.aborted) return false
    if (!r.ok) {
      ctx.pageErrors++
      commitPage(ctx, { resource, url: null }, () => [{ resource, remoteId: null, localId: null, outcome: 'failed', message: `Could not read ${resource}: ${r.error.message}` }])
      return false
    }
    if (first && r.value.total !== null) ctx.counters[resource].total = Math.max(ctx.counters[resource].total, r.value.total)
    first = false
    await onPage(r.value)
    if (reachedOlder(ctx, r.value.records)) break
  }
  return !ctx.signal.aborted
}

/** Whether a page sorted by modified (desc) ends with a record older than the incremental bound. */
function reachedOlder(ctx: SRunCtx, records: readonly unknown[]): boolean {
  if (ctx.stopBefore === null || !records.length) return false
  const m = (records[records.length - 1] as { 'o:modified'?: { '@value'?: unknown } | null })?.['o:modified']?.['@value']
  return typeof m === 'string' && Date.parse(m) < ctx.stopBefore
}

/** Every record of an index (small ones: vocabulary members, elements, item types), or null when unreadable. */
export async function readAll(ctx: SRunCtx, url: string): Promise<unknown[] | null> {
  const out: unknown[] = []
  for await (const r of ctx.client.pages(url)) {
    if (!r.ok) return null
    out.push(...r.value.records)
  }
  return out
}
