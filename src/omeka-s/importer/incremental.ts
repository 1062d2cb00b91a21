import { commitPage, type RunCtx } from './context.js'
import { deleteOne } from './undo.js'
import type { ImportResource, RecordLog } from './runs.repo.js'

/** The record phases an incremental run narrows to what changed (they carry a modified date at both origins). */
export const INCREMENTAL: readonly ImportResource[] = ['item_sets', 'items', 'media']

/** Remote index names of the S resources, per origin flavour. */
const REMOTE: Record<'s' | 'classic', Partial<Record<ImportResource, string>>> = {
  s: {
    site_pages: 'site_pages',
    sites: 'sites',
    media: 'media',
    items: 'items',
    item_sets: 'item_sets',
    assets: 'assets',
  },
  classic: { media: 'files', items: 'items', item_sets: 'collections' },
}

/**
 * The query of an incremental phase. Classic has `modified_since`. Omeka S has no such parameter over
 * all versions: 4.x has `modified_after` (strict, `Y-m-d\TH:i:sO`); older ones ignore it, so the index is
 * also sorted by modified, newest first, and the walk stops at the first page reaching older records.
 */
export function incrementalParams(fromFlavor: 's' | 'classic', since: string): Record<string, string> {
  if (fromFlavor === 'classic') return { modified_since: since }
  return { sort_by: 'modified', sort_order: 'desc', modified_after: since.replace(/Z$/, '+0000') }
}

/** Every remote id of an index: S lists ids only (`return_scalar=id`), Classic full records. Null when unreadable. */
async function listIds(ctx: RunCtx, remote: string): Promise<Set<number> | null> {
  const ids = new Set<number>()
  const s = ctx.run.fromFlavor === 's'
  const perPage = s ? 1000 : 100
  for (let page = 1; ; page++) {
    const params: Record<string, string> = {
      ...(s ? { return_scalar: 'id', sort_by: 'id' } : {}),
      per_page: String(perPage),
      page: String(page),
    }
    const r = await ctx.client.getJson(ctx.client.apiUrl(remote, params))
    if (!r.ok || ctx.signal.aborted) return null
    const body = r.value.json as unknown
    // An index without return_scalar support (or an older Omeka S) answers full records: their o:id counts.
    const found = Array.isArray(body)
      ? body.map((x) => (typeof x === 'number' ? x : (x as { 'o:id'?: unknown; id?: unknown })?.[s ? 'o:id' : 'id']))
      : body && typeof body === 'object'
        ? Object.keys(body).map(Number)
        : []
    const before = ids.size
    for (const id of found) if (typeof id === 'number' && Number.isInteger(id)) ids.add(id)
    // Entries without readable ids must never read as "everything was deleted".
    if (found.length && ids.size === before && page === 1) return null
    if (found.length < perPage || ids.size === before) return ids
  }
}

/**
 * The remote ids of a resource, or null when nothing can be gone: a `per_page=1` probe compares the
 * origin's total with the records mapped here; only when they differ are the ids listed.
 */
async function remoteIds(ctx: RunCtx, resource: ImportResource, remote: string): Promise<Set<number> | null | 'error'> {
  const probe = await ctx.client.getJson(ctx.client.apiUrl(remote, { per_page: '1' }))
  if (!probe.ok) return 'error'
  const total = Number(
    probe.value.headers.get('Omeka-S-Total-Results') ?? probe.value.headers.get('Omeka-Total-Results') ?? NaN,
  )
  if (total === ctx.map.liveCount(resource)) return null
  return (await listIds(ctx, remote)) ?? 'error'
}

/** Mirror mode: records deleted at the origin are deleted here, children first (pages, sites, media, items, item sets, assets). */
export async function mirrorDeletions(ctx: RunCtx): Promise<void> {
  for (const resource of ['site_pages', 'sites', 'media', 'items', 'item_sets', 'assets'] as const) {
    const remote = REMOTE[ctx.run.fromFlavor][resource]
    if (ctx.signal.aborted) return
    if (!remote) continue
    const ids = await remoteIds(ctx, resource, remote)
    if (ids === 'error') ctx.pageErrors++
    if (ids === 'error' || ids === null) continue
    const gone = ctx.map.remoteIds(resource).filter((id) => !ids.has(id))
    if (!gone.length) continue
    const entries = ctx.map.lookup(resource, gone)
    commitPage(ctx, { resource: 'deletions', url: null }, () =>
      [...entries.values()].map((e): RecordLog => {
        if (ctx.run.options.dry_run)
          return { resource, remoteId: e.remoteId, localId: e.localId, outcome: 'would_delete' }
        deleteOne(ctx.deps, resource, e.localId)
        ctx.map.remove(resource, e.remoteId)
        return {
          resource,
          remoteId: e.remoteId,
          localId: e.localId,
          outcome: 'deleted',
          message: 'Deleted at the origin',
        }
      }),
    )
  }
}
