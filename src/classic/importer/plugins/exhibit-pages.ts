import {
  deletePageBlocks,
  insertAttachment,
  insertBlock,
  insertPage,
  updatePage,
} from '../../plugins/exhibit-builder/exhibit-pages/exhibit-pages.repo.js'
import {
  encodeOptions,
  pageJsonSchema,
  parentsFirst,
  type PageJson,
} from '../../plugins/exhibit-builder/exhibit-pages/exhibit-pages.schemas.js'
import type { Db } from '../../db/client.js'
import type { RunCtx } from '../context.js'
import { preferredId } from '../phases/schema.js'
import {
  fingerprintOf,
  guarded,
  handlePluginRecord,
  liveLocalIds,
  pluginPhase,
  remoteIdOf,
  type PluginKind,
} from './plugin-phase.js'
import { statement } from '../../statements.js'

interface Refs {
  exhibits: Map<number, number>
  items: Map<number, number>
  files: Map<number, number>
  /** Pages handled earlier in this run (a dry run maps nothing, but their children are not orphans). */
  handled: Set<number>
}

/** The local blocks of a page: attachments whose item is not here are left out (and reported). */
function localBlocks(p: PageJson, refs: Refs) {
  const dropped: number[] = []
  const blocks = p.page_blocks.map((b) => ({
    id: b.id,
    layout: b.layout,
    options: encodeOptions(b.options),
    text: b.text,
    order: b.order,
    attachments: b.attachments.flatMap((a) => {
      const itemId = refs.items.get(a.item.id)
      if (itemId === undefined) return (dropped.push(a.id), [])
      return [{ id: a.id, itemId, fileId: a.file ? (refs.files.get(a.file.id) ?? null) : null, caption: a.caption }]
    }),
  }))
  return {
    blocks,
    messages: dropped.length ? [`Attachments ${dropped.join(', ')} left out: their items are not imported`] : [],
  }
}

/** A page with its blocks (layout, options, text, order) and their attachments (item, file, caption, order). */
function pageKind(refs: Refs): PluginKind<PageJson> {
  return {
    resource: 'exhibit_pages',
    plugin: 'exhibit-builder',
    schema: pageJsonSchema,
    plan(ctx, p) {
      const { db } = ctx.deps
      const exhibitId = refs.exhibits.get(p.exhibit.id)
      if (exhibitId === undefined) return { skip: `Its exhibit (${p.exhibit.id}) is not imported` }
      const parentId = p.parent ? liveLocalIds(ctx, 'exhibit_pages', [p.parent.id]).get(p.parent.id) : null
      if (parentId === undefined && !(ctx.dry && refs.handled.has(p.parent!.id)))
        return { skip: `Its parent page (${p.parent!.id}) is not imported` }
      const fields = { exhibitId, parentId: parentId ?? null, title: p.title, slug: p.slug, order: p.order }
      const { blocks, messages } = localBlocks(p, refs)
      return {
        hashOf: {
          ...fields,
          blocks: blocks.map(({ id: _id, ...b }) => ({
            ...b,
            attachments: b.attachments.map(({ id: _a, ...a }) => a),
          })),
        },
        messages,
        write(localId) {
          const id =
            localId === undefined
              ? insertPage(db, fields, preferredId(ctx, 'exhibit_pages', p.id) ?? null)
              : (updatePage(db, localId, fields), localId)
          if (localId !== undefined) deletePageBlocks(db, id)
          for (const b of blocks) {
            const blockId = insertBlock(
              db,
              { pageId: id, layout: b.layout, options: b.options, text: b.text, order: b.order },
              preferredId(ctx, 'exhibit_page_blocks', b.id) ?? null,
            )
            // The API lists attachments in their order without the number: their position is it.
            b.attachments.forEach((a, i) =>
              insertAttachment(
                db,
                { blockId, itemId: a.itemId, fileId: a.fileId, caption: a.caption, order: i + 1 },
                preferredId(ctx, 'exhibit_block_attachments', a.id) ?? null,
              ),
            )
          }
          return id
        },
      }
    },
    fingerprint: (ctx, id) => pageFingerprint(ctx.deps.db, id),
    remove: (ctx, id) => void statement(ctx.deps.db, 'DELETE FROM exhibit_pages WHERE id = ?').run(id),
  }
}

/** A page as stored, blocks and attachments included (a local edit to any of them changes it). */
export function pageFingerprint(db: Db, id: number): string | null {
  const q = (sql: string) => statement(db, sql).all(id)
  const row = statement(db, 'SELECT exhibit_id, parent_id, title, slug, "order" FROM exhibit_pages WHERE id = ?').get(
    id,
  )
  if (row === undefined) return null
  const blocks = q(
    'SELECT id, layout, options, text, "order" FROM exhibit_page_blocks WHERE page_id = ? ORDER BY "order", id',
  )
  const attachments = q(
    'SELECT a.block_id, a.item_id, a.file_id, a.caption, a."order" FROM exhibit_block_attachments a JOIN exhibit_page_blocks b ON b.id = a.block_id WHERE b.page_id = ? ORDER BY a.block_id, a."order", a.id',
  )
  return fingerprintOf({ row, blocks, attachments })
}

/**
 * Parents the index has not given yet: each read on its own (omeka-twin serves single pages; real
 * ExhibitBuilder answers 500), else found in its exhibit's page index, which real Omeka serves.
 */
async function fetchPages(ctx: RunCtx, wanted: { id: number; exhibit: number }[]): Promise<unknown[]> {
  const out: unknown[] = []
  const fallback = new Map<number, Set<number>>()
  for (const w of wanted) {
    const r = await ctx.client.getJson(ctx.client.apiUrl(`exhibit_pages/${w.id}`))
    if (r.ok) out.push(r.value.json)
    else fallback.set(w.exhibit, (fallback.get(w.exhibit) ?? new Set()).add(w.id))
  }
  for (const [exhibit, ids] of fallback) {
    for await (const r of ctx.client.pages(
      ctx.client.apiUrl('exhibit_pages', { exhibit: String(exhibit), page: '1', per_page: '50' }),
    )) {
      if (!r.ok) break
      out.push(...r.value.records.filter((raw) => ids.has(remoteIdOf(raw) ?? -1)))
    }
  }
  return out
}

/** The page's records plus the ancestors they need that are neither here nor mapped, parents first. */
async function withAncestors(ctx: RunCtx, pages: PageJson[], refs: Refs): Promise<PageJson[]> {
  const batch = [...pages]
  for (let depth = 0; depth < 50; depth++) {
    const inBatch = new Set(batch.map((p) => p.id))
    const parents = new Map(
      batch.flatMap((p) =>
        p.parent && !inBatch.has(p.parent.id) && !refs.handled.has(p.parent.id)
          ? [[p.parent.id, p.exhibit.id] as const]
          : [],
      ),
    )
    const mapped = liveLocalIds(ctx, 'exhibit_pages', [...parents.keys()])
    const wanted = [...parents].filter(([id]) => !mapped.has(id)).map(([id, exhibit]) => ({ id, exhibit }))
    if (!wanted.length) break
    const fetched = (await fetchPages(ctx, wanted)).flatMap((raw) => {
      const r = pageJsonSchema.safeParse(raw)
      return r.success ? [r.data] : []
    })
    if (!fetched.length) break
    batch.unshift(...fetched)
  }
  const inBatch = new Set(batch.map((p) => p.id))
  // Parents outside the batch are mapped already (or missing: the page is then skipped, with the reason).
  return parentsFirst(batch, (id) => !inBatch.has(id)) ?? batch
}

/** `/api/exhibit_pages` when the origin has ExhibitBuilder: after exhibits, items and files. */
export async function importExhibitPages(ctx: RunCtx, url: string): Promise<void> {
  const refs: Refs = { exhibits: new Map(), items: new Map(), files: new Map(), handled: new Set() }
  await pluginPhase(ctx, pageKind(refs), ['exhibits', 'exhibit_pages'], url, async (records, seen) => {
    const parsed = records.map((raw) => ({ raw, r: pageJsonSchema.safeParse(raw) }))
    const ok = parsed.flatMap((p) => (p.r.success ? [p.r.data] : []))
    for (const p of ok) seen.add(p.id)
    const ordered = (await withAncestors(ctx, ok, refs)).filter((p) => !refs.handled.has(p.id))
    const attachments = ordered.flatMap((p) => p.page_blocks.flatMap((b) => b.attachments))
    refs.exhibits = liveLocalIds(
      ctx,
      'exhibits',
      ordered.map((p) => p.exhibit.id),
    )
    refs.items = liveLocalIds(
      ctx,
      'items',
      attachments.map((a) => a.item.id),
    )
    refs.files = liveLocalIds(
      ctx,
      'files',
      attachments.flatMap((a) => (a.file ? [a.file.id] : [])),
    )
    const entries = ctx.map.lookup(
      'exhibit_pages',
      ordered.map((p) => p.id),
    )
    const kind = pageKind(refs)
    return () => [
      ...parsed.filter((p) => !p.r.success).flatMap((p) => handlePluginRecord(ctx, kind, p.raw, undefined)),
      ...ordered.flatMap((p) => {
        refs.handled.add(p.id)
        return guarded(ctx, 'exhibit_pages', p, () => handlePluginRecord(ctx, kind, p, entries.get(p.id)))
      }),
    ]
  })
}
