import type { SDeps } from '../deps.js'
import { Catalog } from '../resources/catalog.js'
import { RemoteClient, type ClientOptions } from '../../core/import/remote-client.js'
import { redactText } from '../../core/import/origin.js'
import { commitPage, type SProgressFn, type SRunCtx } from './context.js'
import { SIdMap } from './id-map.js'
import { findSRun, nowS, updateSRun, type SImportResource, type SRunRow } from './runs.repo.js'
import { resolvePendingLinks } from './writer.js'
import { rewriteSiteLinks } from './s-sites.js'
import { S_PHASES } from './s-source.js'
import { CLASSIC_PHASES } from './classic-source.js'
import { INCREMENTAL, incrementalParams, mirrorSDeletions, sinceFor } from './incremental.js'

/** The abort reason that means "cancelled by the user"; any other abort leaves the run resumable. */
export const S_CANCEL = 'cancel'

/** The origin's key: Classic's `key`, or Omeka S's identity and credential. Held in memory only. */
export type SourceKey = { key: string } | { identity: string; credential: string } | null

export interface SEngineOptions {
  key: SourceKey
  signal: AbortSignal
  fallbackOwner: number | null
  progress?: SProgressFn
  client?: Partial<ClientOptions>
  downloadConcurrency?: number
  /** How far before the last clean run's start an incremental run looks (clock skew, slow writes). */
  safetyMarginMs?: number
}

/** A client for the origin with its key in the right query parameters. */
export function sourceClient(endpoint: string, key: SourceKey, extra: Partial<ClientOptions> = {}): RemoteClient {
  if (key && 'identity' in key) return new RemoteClient({ endpoint, key: key.credential, keyParams: { key_identity: key.identity, key_credential: key.credential }, ...extra })
  return new RemoteClient({ endpoint, key: key?.key ?? null, ...extra })
}

function buildCtx(deps: SDeps, run: SRunRow, o: SEngineOptions): SRunCtx {
  return {
    deps, run, client: sourceClient(run.endpoint, o.key, { signal: o.signal, ...o.client }), map: new SIdMap(deps.db, run.origin), counters: run.counters,
    signal: o.signal, fallbackOwner: o.fallbackOwner, downloadConcurrency: o.downloadConcurrency ?? 6, progress: o.progress, catalog: new Catalog(deps.db),
    remoteTerms: { properties: new Map(), classes: new Map() }, classic: { elements: new Map(), itemTypes: new Map() },
    cursor: run.cursor ?? { resource: run.fromFlavor === 's' ? 'users' : 'vocabularies', url: null }, pageErrors: 0,
    since: sinceFor(deps, run, o.safetyMarginMs ?? 5 * 60_000), stopBefore: null,
  }
}

/** Schema phases always run (they rebuild the term maps a resumed run needs); record phases resume from the checkpoint. */
const ALWAYS: readonly SImportResource[] = ['vocabularies', 'resource_templates']

async function runPhases(ctx: SRunCtx, perPage: number): Promise<void> {
  const phases = ctx.run.fromFlavor === 's' ? S_PHASES : CLASSIC_PHASES
  const start = ctx.cursor
  const startIndex = ['links', 'deletions', 'done'].includes(start.resource) ? phases.length : Math.max(0, phases.findIndex((p) => p.resource === start.resource))
  for (const [i, phase] of phases.entries()) {
    if (ctx.signal.aborted) return
    if (i < startIndex && !ALWAYS.includes(phase.resource)) continue
    const { remote, ...params } = phase.params
    const narrowed = ctx.since !== null && INCREMENTAL.includes(phase.resource)
    const query = { page: '1', per_page: String(perPage), ...params, ...(narrowed ? incrementalParams(ctx.run.fromFlavor, ctx.since!) : {}) }
    const url = i === startIndex && start.url ? start.url : ctx.client.apiUrl(remote ?? phase.resource, query)
    ctx.stopBefore = narrowed && ctx.run.fromFlavor === 's' ? Date.parse(ctx.since!) : null
    const cursor = i >= startIndex ? { resource: phase.resource, url } : ctx.cursor
    ctx.cursor = cursor
    await phase.run(ctx, url)
  }
  ctx.stopBefore = null
  if (!ctx.signal.aborted && !ctx.run.options.dry_run && start.resource !== 'deletions') commitPage(ctx, { resource: 'links', url: null }, () => [...resolvePendingLinks(ctx), ...rewriteSiteLinks(ctx)])
  if (ctx.signal.aborted || ctx.run.options.mode !== 'mirror') return
  await mirrorSDeletions(ctx)
  // Pages deleted at the origin leave the navigation of the sites that linked to them.
  if (!ctx.signal.aborted && !ctx.run.options.dry_run) commitPage(ctx, null, () => rewriteSiteLinks(ctx))
}

/**
 * Runs (or resumes from its checkpoint) one import into the Omeka S database: S → S (users,
 * vocabularies, templates, assets, item sets, items, media, sites, site pages) or Classic → S (schema, item types as templates,
 * collections, items, files), then the links that pointed forward. Returns the final row.
 */
export async function runSImport(deps: SDeps, runId: number, o: SEngineOptions): Promise<SRunRow> {
  const run = findSRun(deps.db, runId)
  if (!run) throw new Error(`No import run ${runId}`)
  const started = run.started ?? nowS()
  updateSRun(deps.db, runId, { status: 'running', started, finished: null })
  const ctx = buildCtx(deps, { ...run, started }, o)
  const keys = o.key ? Object.values(o.key) : []
  try {
    await runPhases(ctx, o.client?.perPage ?? 50)
    if (ctx.signal.aborted && ctx.signal.reason !== S_CANCEL) return findSRun(deps.db, runId)!
    const failed = Object.values(ctx.counters).some((c) => c.failed > 0) || ctx.pageErrors > 0
    updateSRun(deps.db, runId, { status: ctx.signal.aborted ? 'cancelled' : failed ? 'completed_with_errors' : 'completed', cursor: { resource: 'done', url: null }, finished: nowS(), counters: ctx.counters, ...stats(ctx) })
  } catch (err) {
    if (ctx.signal.aborted && ctx.signal.reason !== S_CANCEL) return findSRun(deps.db, runId)!
    const message = keys.reduce<string>((m, k) => redactText(m, k), (err as Error).message)
    updateSRun(deps.db, runId, { status: 'failed', finished: nowS(), message, counters: ctx.counters, ...stats(ctx) })
  }
  return findSRun(deps.db, runId)!
}

function stats(ctx: SRunCtx) {
  const s = ctx.client.stats
  return { requests: ctx.run.requests + s.requests, retries: ctx.run.retries + s.retries, bytes: ctx.run.bytes + s.bytes }
}
