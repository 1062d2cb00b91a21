import { commitPage, type RunCtx } from './context.js'
import { staleIds } from '../../core/import/listing.js'
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

/**
 * Every record's `modified` date of an S index, by id: `return_scalar=modified` (an object id → date);
 * an origin without it answers whole records, whose `o:modified` counts. Null when unreadable.
 */
async function listModified(ctx: RunCtx, remote: string): Promise<Map<number, unknown> | null> {
  const out = new Map<number, unknown>()
  const perPage = 1000
  for (let page = 1; ; page++) {
    const params = { return_scalar: 'modified', sort_by: 'id', per_page: String(perPage), page: String(page) }
    const r = await ctx.client.getJson(ctx.client.apiUrl(remote, params))
    if (!r.ok || ctx.signal.aborted) return null
    const body = r.value.json as unknown
    const entries: [number, unknown][] = Array.isArray(body)
      ? body.map((x) => {
          const rec = x as { 'o:id'?: unknown; 'o:modified'?: { '@value'?: unknown } | null }
          return [Number(rec?.['o:id']), rec?.['o:modified']?.['@value'] ?? null]
        })
      : body && typeof body === 'object'
        ? Object.entries(body).map(([k, v]) => [Number(k), v])
        : []
    const before = out.size
    for (const [id, m] of entries) if (Number.isInteger(id)) out.set(id, m)
    if (entries.length && out.size === before && page === 1) return null
    if (entries.length < perPage || out.size === before) return out
  }
}

/**
 * An incremental S phase, after its `modified` walk: the origin's ids and modified dates are compared
 * with what is here, and every record new, changed in either direction (an origin restored from a
 * backup) or gone here is read by id. An unreadable listing interrupts the run (never a silent gap).
 */
export async function readStale(
  ctx: RunCtx,
  resource: ImportResource,
  remote: string,
  params: Record<string, string>,
  run: (ctx: RunCtx, url: string) => Promise<void>,
): Promise<void> {
  const listing = await listModified(ctx, remote)
  if (listing === null) {
    if (ctx.signal.aborted) return
    const message = `Could not list the ids and modified dates of ${remote}`
    ctx.unread = { resource, message }
    ctx.store.transaction(() =>
      ctx.store.log(ctx.run.id, [{ resource, remoteId: null, localId: null, outcome: 'failed', message }]),
    )
    return
  }
  const db = ctx.deps.db.$client
  const stale = staleIds(
    ctx.map,
    resource,
    listing,
    (ids) =>
      new Map(
        (
          db
            .prepare('SELECT id, modified FROM resource WHERE id IN (SELECT value FROM json_each(?))')
            .all(JSON.stringify(ids)) as { id: number; modified: string | null }[]
        ).map((r) => [r.id, r.modified]),
      ),
    ctx.store.loggedIds(ctx.run.id, resource),
  )
  if (!stale.length) return
  ctx.counters[resource].total += stale.length
  for (let i = 0; i < stale.length && !ctx.unread && !ctx.signal.aborted; i += 50) {
    const u = new URL(ctx.client.apiUrl(remote, { ...params, page: '1', per_page: '50' }))
    for (const id of stale.slice(i, i + 50)) u.searchParams.append('id[]', String(id))
    await run(ctx, u.toString())
  }
}
