import type { Deps } from '../deps.js'
import type { ImportPort, Phase } from '../../core/import/port.js'
import { runImport as runKernelImport, type EngineOptions } from '../../core/import/engine.js'
import type { ImportCtx } from '../../core/import/run-context.js'
import type { RunCtx } from './context.js'
import { liveTable, type ImportResource } from './id-map.js'
import { runStore, type RunOptions, type RunRow } from './runs.repo.js'
import { importElementSets, importElements, importItemTypes } from './phases/schema.js'
import { importRecords, mirrorTags } from './phases/records.js'
import { importFiles } from './phases/files.js'
import { mirrorDeletions, resolvePending } from './phases/deletions.js'
import { mirrorSite } from './phases/site.js'
import { mirrorUsers } from './phases/users.js'
import { importLocations } from './plugins/locations.js'
import { importExhibits } from './plugins/exhibits.js'
import { importExhibitPages } from './plugins/exhibit-pages.js'
import { preflight } from '../../core/import/classic-origin/preflight.js'
import { classicUndo } from './undo.js'
import { statement } from '../statements.js'

type ClassicPhase = Phase<ImportResource, RunCtx>

/** A phase reading `/api/<resource>`; incremental ones ask for what changed since the last clean run. */
function phase(
  resource: ImportResource,
  run: (ctx: RunCtx, url: string, resumed: boolean) => Promise<void>,
  incremental: boolean,
): ClassicPhase {
  return {
    resource,
    run,
    url: (ctx, perPage) =>
      ctx.client.apiUrl(resource, {
        page: '1',
        per_page: String(perPage),
        ...(ctx.since && incremental ? { modified_since: ctx.since } : {}),
      }),
  }
}

/** Users are not a phase: each is read when a record first names it. */
const PHASES: readonly ClassicPhase[] = [
  phase(
    'element_sets',
    async (ctx, url, resumed) => {
      // Mirror means identical: the site's own information first.
      if (!resumed && ctx.run.options.mode === 'mirror') await mirrorSite(ctx)
      if (!ctx.unread) await importElementSets(ctx, url)
    },
    false,
  ),
  phase('elements', importElements, false),
  phase('item_types', importItemTypes, false),
  phase('collections', (ctx, url) => importRecords(ctx, 'collections', url), true),
  phase(
    'items',
    async (ctx, url, resumed) => {
      // The tags index is reproduced before the items that use them (it lists tags private records carry too).
      if (!resumed) await mirrorTags(ctx)
      if (!ctx.unread) await importRecords(ctx, 'items', url)
    },
    true,
  ),
  phase('files', importFiles, true),
  // Plugin resources, when the origin serves them: always walked whole (they have no modified_since).
  phase('geolocations', importLocations, false),
  phase('exhibits', importExhibits, false),
  phase('exhibit_pages', importExhibitPages, false),
]

/** The Classic flavour's context: the run's remote → local id maps of the small resources. */
function classicCtx(deps: Deps, base: ImportCtx<ImportResource, RunOptions>): RunCtx {
  const ids = (r: ImportResource) => new Map([...base.map.all(r)].map(([k, v]) => [k, v.localId]))
  const byName = statement<{ id: number; name: string; setName: string }>(
    deps.db,
    'SELECT e.id, e.name, s.name AS setName FROM elements e JOIN element_sets s ON s.id = e.element_set_id',
  ).all()
  const full = !base.run.cursor && !base.run.since
  return {
    ...base,
    deps,
    dry: base.run.options.dry_run,
    sets: ids('element_sets'),
    elements: ids('elements'),
    elementByName: new Map(byName.map((e) => [`${e.setName}\u0000${e.name}`, e.id])),
    itemTypes: ids('item_types'),
    // Mirror reads every owner again (once per run), so a user changed at the origin arrives here too.
    users:
      base.run.options.mode === 'mirror' && base.run.options.authenticated && base.run.options.import_users
        ? new Map()
        : ids('users'),
    collections: ids('collections'),
    seen: full ? { items: new Set(), collections: new Set(), files: new Set() } : {},
  }
}

/**
 * The Classic target's port for the import kernel: element sets → elements → item types → (users, on
 * demand) → collections → items → files → the plugins' locations, exhibits and pages, then the links
 * that pointed forward and, in mirror mode, deletions.
 */
export function classicImportPort(deps: Deps): ImportPort<ImportResource, RunOptions, RunCtx> {
  return {
    store: runStore(deps.db),
    defaultFromFlavor: 'classic',
    // Users are read one by one, where a 403 is already a skip (see ensureUsers).
    restricted: ['users'],
    liveTable,
    async preflight(req, client) {
      const pf = await preflight(req.endpoint, req.key && 'key' in req.key ? req.key.key : null, req.self, client)
      return pf.ok
        ? {
            ok: true,
            endpoint: pf.endpoint,
            origin: pf.origin,
            omekaUrl: pf.omekaUrl,
            fromFlavor: 'classic',
            requests: pf.requests,
          }
        : pf
    },
    comparable: (a, b) => a.mode === b.mode && a.authenticated === b.authenticated && a.import_users === b.import_users,
    // Classic's API lists only whole records: every run reads them all and compares content hashes, so a
    // record whose modified date went back (an origin restored from a backup) is never missed.
    incremental: () => false,
    context: (base) => classicCtx(deps, base),
    phases: () => PHASES,
    async finish(ctx) {
      resolvePending(ctx)
      if (!ctx.signal.aborted && ctx.run.options.mode === 'mirror') await mirrorUsers(ctx)
      if (!ctx.signal.aborted && !ctx.unread && ctx.run.options.mode === 'mirror') await mirrorDeletions(ctx)
    },
    undo: classicUndo(deps),
  }
}

export type { RunRow }

/** Runs (or resumes) one Classic-target run inline (tests drive interruptions through it). */
export function runImport(
  deps: Deps,
  runId: number,
  o: Omit<EngineOptions<ImportResource>, 'key'> & { key: string | null },
): Promise<RunRow> {
  return runKernelImport(classicImportPort(deps), runId, { ...o, key: o.key ? { key: o.key } : null })
}
