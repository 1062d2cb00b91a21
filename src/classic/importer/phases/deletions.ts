import { deleteCollection } from '../../api/collections/collections.repo.js'
import { deleteFileRecord } from '../../api/files/files.repo.js'
import { deleteItem } from '../../api/items/items.repo.js'
import { commitPage, walk, type RunCtx } from '../context.js'
import type { RecordLog } from '../runs.repo.js'
import { statement } from '../../statements.js'

type Kind = 'files' | 'items' | 'collections'

/** Deletes one local record mapped from the origin; returns the stored file names to remove after commit. */
function deleteLocal(ctx: RunCtx, kind: Kind, localId: number): string[] {
  const { db } = ctx.deps
  if (kind === 'items') return deleteItem(db, localId)
  if (kind === 'collections') return (deleteCollection(db, localId), [])
  const f = statement<{ filename: string }>(db, 'SELECT filename FROM files WHERE id = ?').get(localId)
  deleteFileRecord(db, localId)
  return f ? [f.filename] : []
}

/**
 * The remote ids of a resource, or null when the mapped ids are known to be complete. A cheap
 * `per_page=1` request compares the origin's total with what is mapped here; only when they differ
 * (and the run did not already walk everything) are the ids listed.
 */
async function remoteIds(ctx: RunCtx, kind: Kind): Promise<Set<number> | null | 'error'> {
  const seen = ctx.seen[kind]
  if (seen) return seen
  const probe = await ctx.client.getJson(ctx.client.apiUrl(kind, { per_page: '1' }))
  if (!probe.ok) return 'error'
  const total = Number(probe.value.headers.get('Omeka-Total-Results') ?? NaN)
  if (total === ctx.map.liveCount(kind)) return null
  const ids = new Set<number>()
  const complete = await walk(ctx, kind, ctx.client.apiUrl(kind, { page: '1', per_page: '50' }), async (page) => {
    for (const r of page.records) if (typeof (r as { id?: unknown })?.id === 'number') ids.add((r as { id: number }).id)
  })
  return complete ? ids : 'error'
}

/** Mirror mode: records deleted at the origin are deleted here (files, then items, then collections). */
export async function mirrorDeletions(ctx: RunCtx): Promise<void> {
  for (const kind of ['files', 'items', 'collections'] as const) {
    if (ctx.signal.aborted) return
    const ids = await remoteIds(ctx, kind)
    if (ids === 'error') {
      ctx.pageErrors++
      continue
    }
    if (ids === null) continue
    const gone = ctx.map.remoteIds(kind).filter((id) => !ids.has(id))
    if (!gone.length) continue
    const entries = ctx.map.lookup(kind, gone)
    const bytes: string[] = []
    commitPage(ctx, { resource: 'deletions', url: null }, () =>
      [...entries.values()].map((e): RecordLog => {
        if (!ctx.dry) {
          bytes.push(...deleteLocal(ctx, kind, e.localId))
          ctx.map.remove(kind, e.remoteId)
        }
        return {
          resource: kind,
          remoteId: e.remoteId,
          localId: e.localId,
          outcome: 'deleted',
          message: 'Deleted at the origin',
        }
      }),
    )
    for (const name of bytes) ctx.deps.files.deleteAll(name)
  }
}

/** References left pending by earlier runs (an item's collection or type) that can be resolved now. */
export function resolvePending(ctx: RunCtx): void {
  if (ctx.dry) return
  const { db } = ctx.deps
  const rows = statement<{
    remoteId: number
    localId: number
    pending: string
  }>(
    db,
    "SELECT remote_id AS remoteId, local_id AS localId, pending FROM import_id_map WHERE origin = ? AND resource = 'items' AND pending IS NOT NULL",
  ).all(ctx.map.origin)
  if (!rows.length) return
  db.$client.transaction(() => {
    for (const row of rows) {
      const p = JSON.parse(row.pending) as { collection?: number; item_type?: number }
      const collection = p.collection !== undefined ? ctx.collections.get(p.collection) : undefined
      const itemType = p.item_type !== undefined ? ctx.itemTypes.get(p.item_type) : undefined
      if (collection !== undefined)
        statement(db, 'UPDATE items SET collection_id = ? WHERE id = ?').run(collection, row.localId)
      if (itemType !== undefined)
        statement(db, 'UPDATE items SET item_type_id = ? WHERE id = ?').run(itemType, row.localId)
      const rest = {
        ...(collection === undefined && p.collection !== undefined ? { collection: p.collection } : {}),
        ...(itemType === undefined && p.item_type !== undefined ? { item_type: p.item_type } : {}),
      }
      statement(
        db,
        "UPDATE import_id_map SET pending = ?, hash = NULL WHERE origin = ? AND resource = 'items' AND remote_id = ?",
      ).run(Object.keys(rest).length ? JSON.stringify(rest) : null, ctx.map.origin, row.remoteId)
    }
  })()
}
