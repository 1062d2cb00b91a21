import type { Deps } from '../deps.js'
import { Catalog } from '../api/resources/catalog.js'
import { runImport, type EngineOptions } from '../../core/import/engine.js'
import type { OriginKey } from '../../core/import/origin.js'
import type { ImportPort, Phase } from '../../core/import/port.js'
import { commitPage, type RunCtx } from './context.js'
import { liveTableOf } from './id-map.js'
import { runStore, type ImportResource, type RunOptions, type RunRow } from './runs.repo.js'
import { resolvePendingLinks } from './writer.js'
import { rewriteSiteLinks } from './s-sites.js'
import { S_PHASES } from './s-source.js'
import { CLASSIC_PHASES } from './classic-source.js'
import { INCREMENTAL, incrementalParams, mirrorDeletions, readStale } from './incremental.js'
import { preflightOrigin } from './preflight.js'
import { undoPort } from './undo.js'

/** The origin's key: Classic's `key`, or Omeka S's identity and credential. Held in memory only. */
export type SourceKey = OriginKey

/** Schema phases always run (they rebuild the term maps a resumed run needs); record phases resume from the checkpoint. */
const ALWAYS: readonly ImportResource[] = ['vocabularies', 'resource_templates']

type SourcePhase = {
  resource: ImportResource
  params: Record<string, string>
  run: (ctx: RunCtx, url: string) => Promise<void>
}

/** The kernel's phase of a source phase: its index URL (narrowed on incremental runs) and, for S indexes sorted newest first, where the walk ends. */
function phase(p: SourcePhase): Phase<ImportResource, RunCtx> {
  const { remote, ...params } = p.params
  const narrowed = (ctx: RunCtx) => ctx.since !== null && INCREMENTAL.includes(p.resource)
  return {
    resource: p.resource,
    always: ALWAYS.includes(p.resource),
    url: (ctx, perPage) =>
      ctx.client.apiUrl(remote ?? p.resource, {
        page: '1',
        per_page: String(perPage),
        ...params,
        ...(narrowed(ctx) ? incrementalParams(ctx.run.fromFlavor, ctx.since!) : {}),
      }),
    async run(ctx, url) {
      const stopBefore = narrowed(ctx) && ctx.run.fromFlavor === 's' ? Date.parse(ctx.since!) : null
      ctx.endsWalk = stopBefore === null ? null : (records) => reachedOlder(records, stopBefore)
      await p.run(ctx, url)
      ctx.endsWalk = null
      // What the modified bound cannot see (dates moved back, records it missed) comes from the id listing.
      if (stopBefore !== null && !ctx.unread && !ctx.signal.aborted)
        await readStale(ctx, p.resource, remote ?? p.resource, params, p.run)
    },
  }
}

/** Whether a page sorted by modified (desc) ends with a record older than the incremental bound. */
function reachedOlder(records: readonly unknown[], stopBefore: number): boolean {
  if (!records.length) return false
  const m = (records[records.length - 1] as { 'o:modified'?: { '@value'?: unknown } | null })?.['o:modified']?.[
    '@value'
  ]
  return typeof m === 'string' && Date.parse(m) < stopBefore
}

const PHASES = { s: S_PHASES.map(phase), classic: CLASSIC_PHASES.map(phase) }

/**
 * The Omeka S target's port for the import kernel: S → S (users, vocabularies, templates, assets, item
 * sets, items, media, sites, site pages) or Classic → S (schema, item types as templates, collections,
 * items, files), then the links that pointed forward and, in mirror mode, deletions.
 */
export function importPort(deps: Deps): ImportPort<ImportResource, RunOptions, RunCtx> {
  return {
    store: runStore(deps.db),
    defaultFromFlavor: 's',
    restricted: ['users'],
    liveTable: liveTableOf,
    preflight: preflightOrigin,
    comparable: (a, b) =>
      a.mode === b.mode &&
      a.authenticated === b.authenticated &&
      a.import_users === b.import_users &&
      a.tags_property === b.tags_property,
    // An S origin lists ids and modified dates cheaply (return_scalar); a Classic origin does not.
    incremental: (run) => run.fromFlavor === 's',
    context: (base) => ({
      ...base,
      deps,
      catalog: new Catalog(deps.db),
      remoteTerms: { properties: new Map(), classes: new Map() },
      classic: { elements: new Map(), itemTypes: new Map() },
    }),
    phases: (run) => PHASES[run.fromFlavor],
    async finish(ctx, start) {
      if (!ctx.run.options.dry_run && start.resource !== 'deletions')
        commitPage(ctx, { resource: 'links', url: null }, () => [...resolvePendingLinks(ctx), ...rewriteSiteLinks(ctx)])
      if (ctx.signal.aborted || ctx.run.options.mode !== 'mirror') return
      await mirrorDeletions(ctx)
      // Pages deleted at the origin leave the navigation of the sites that linked to them.
      if (!ctx.signal.aborted && !ctx.run.options.dry_run) commitPage(ctx, null, () => rewriteSiteLinks(ctx))
    },
    undo: undoPort(deps),
  }
}

/** Runs (or resumes) one S-target run inline (tests drive interruptions through it). */
export function runImportById(deps: Deps, runId: number, o: EngineOptions<ImportResource>): Promise<RunRow> {
  return runImport(importPort(deps), runId, o)
}
