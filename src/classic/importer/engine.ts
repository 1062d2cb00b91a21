import type { Deps } from '../../deps.js'
import { nowStored } from '../shared.js'
import type { ProgressFn, RunCtx } from './context.js'
import { IdMap, type ImportResource } from './id-map.js'
import { RemoteClient, type ClientOptions } from '../../core/import/remote-client.js'
import { findRun, lastCleanRun, updateRun, type Cursor, type RunRow, type RunStatus } from './runs.repo.js'
import { importElementSets, importElements, importItemTypes } from './phases/schema.js'
import { importRecords, mirrorTags } from './phases/records.js'
import { importFiles } from './phases/files.js'
import { mirrorDeletions, resolvePending } from './phases/deletions.js'
import { redactText } from '../../core/import/origin.js'
import { importLocations } from './plugins/locations.js'
import { importExhibits } from './plugins/exhibits.js'
import { importExhibitPages } from './plugins/exhibit-pages.js'
import { statement } from '../statements.js'

/** The abort reason that means "cancelled by the user"; any other abort leaves the run resumable. */
export const CANCEL = 'cancel'

export interface EngineOptions {
  key: string | null
  signal: AbortSignal
  fallbackOwner: number | null
  progress?: ProgressFn
  client?: Partial<ClientOptions>
  downloadConcurrency?: number
  /** How far before the last clean run's start an incremental run looks (clock skew, slow writes). */
  safetyMarginMs?: number
}

const PHASES: { resource: ImportResource; run: (ctx: RunCtx, url: string) => Promise<void>; incremental: boolean }[] = [
  { resource: 'element_sets', run: importElementSets, incremental: false },
  { resource: 'elements', run: importElements, incremental: false },
  { resource: 'item_types', run: importItemTypes, incremental: false },
  { resource: 'collections', run: (ctx, url) => importRecords(ctx, 'collections', url), incremental: true },
  { resource: 'items', run: (ctx, url) => importRecords(ctx, 'items', url), incremental: true },
  { resource: 'files', run: importFiles, incremental: true },
  // Plugin resources, when the origin serves them: always walked whole (they have no modified_since).
  { resource: 'geolocations', run: importLocations, incremental: false },
  { resource: 'exhibits', run: importExhibits, incremental: false },
  { resource: 'exhibit_pages', run: importExhibitPages, incremental: false },
]

/** `modified_since` for an incremental run: the last clean comparable run's start minus the margin. */
function sinceFor(deps: Deps, run: RunRow, marginMs: number): string | null {
  if (run.options.full || run.cursor) return run.since
  const last = lastCleanRun(deps.db, run.origin, run.options, run.id)
  if (!last?.started) return null
  return new Date(Date.parse(last.started.replace(' ', 'T') + 'Z') - marginMs).toISOString().replace(/\.\d+Z$/, 'Z')
}

function buildCtx(deps: Deps, run: RunRow, o: EngineOptions): RunCtx {
  const client = new RemoteClient({ endpoint: run.endpoint, key: o.key, signal: o.signal, ...o.client })
  const map = new IdMap(deps.db, run.origin)
  const ids = (r: ImportResource) => new Map([...map.all(r)].map(([k, v]) => [k, v.localId]))
  const byName = statement(deps.db, 'SELECT e.id, e.name, s.name AS setName FROM elements e JOIN element_sets s ON s.id = e.element_set_id').all() as { id: number; name: string; setName: string }[]
  const full = !run.cursor && !run.since
  return {
    deps,
    run,
    client,
    map,
    counters: run.counters,
    signal: o.signal,
    fallbackOwner: o.fallbackOwner,
    dry: run.options.dry_run,
    downloadConcurrency: o.downloadConcurrency ?? 6,
    progress: o.progress,
    sets: ids('element_sets'),
    elements: ids('elements'),
    elementByName: new Map(byName.map((e) => [`${e.setName}\u0000${e.name}`, e.id])),
    itemTypes: ids('item_types'),
    users: ids('users'),
    collections: ids('collections'),
    seen: full ? { items: new Set(), collections: new Set(), files: new Set() } : {},
    cursor: run.cursor ?? { resource: 'element_sets', url: null },
    pageErrors: 0,
  }
}

function finalStatus(ctx: RunCtx): RunStatus {
  if (ctx.signal.aborted) return 'cancelled'
  const failed = Object.values(ctx.counters).some((c) => c.failed > 0)
  return failed || ctx.pageErrors > 0 ? 'completed_with_errors' : 'completed'
}

/**
 * Runs (or resumes, from its checkpoint) one import: element sets → elements → item types →
 * (users, on demand) → collections → items → files → the plugins' locations, exhibits and pages,
 * then mirror deletions. Returns the final row.
 */
export async function runImport(deps: Deps, runId: number, o: EngineOptions): Promise<RunRow> {
  const run = findRun(deps.db, runId)
  if (!run) throw new Error(`No import run ${runId}`)
  const since = sinceFor(deps, run, o.safetyMarginMs ?? 5 * 60_000)
  updateRun(deps.db, runId, { status: 'running', started: run.started ?? nowStored(), since, finished: null })
  const ctx = buildCtx(deps, { ...run, since, started: run.started ?? nowStored() }, o)
  try {
    const start = ctx.cursor
    const startIndex = Math.max(0, PHASES.findIndex((p) => p.resource === start.resource))
    for (const [i, phase] of PHASES.entries()) {
      if ((start.resource === 'deletions' || start.resource === 'done') || i < startIndex) continue
      if (ctx.signal.aborted) break
      const params: Record<string, string> = { page: '1', per_page: String(o.client?.perPage ?? 50), ...(since && phase.incremental ? { modified_since: since } : {}) }
      const url = i === startIndex && start.url ? start.url : ctx.client.apiUrl(phase.resource, params)
      ctx.cursor = { resource: phase.resource, url }
      if (phase.resource === 'items' && run.options.mode === 'mirror' && !start.url) await mirrorTags(ctx)
      await phase.run(ctx, url)
    }
    if (!ctx.signal.aborted) resolvePending(ctx)
    if (!ctx.signal.aborted && run.options.mode === 'mirror') await mirrorDeletions(ctx)
    if (ctx.signal.aborted && ctx.signal.reason !== CANCEL) return findRun(deps.db, runId)!
    const cursor: Cursor = { resource: 'done', url: null }
    updateRun(deps.db, runId, { status: finalStatus(ctx), cursor, finished: nowStored(), counters: ctx.counters, ...stats(ctx) })
  } catch (err) {
    if (ctx.signal.aborted && ctx.signal.reason !== CANCEL) return findRun(deps.db, runId)!
    updateRun(deps.db, runId, { status: 'failed', finished: nowStored(), message: redactText((err as Error).message, o.key), counters: ctx.counters, ...stats(ctx) })
  }
  return findRun(deps.db, runId)!
}

function stats(ctx: RunCtx) {
  return { requests: ctx.run.requests + ctx.client.stats.requests, retries: ctx.run.retries + ctx.client.stats.retries, bytes: ctx.run.bytes + ctx.client.stats.bytes }
}
