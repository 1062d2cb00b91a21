import { dateOf, refId } from '../fixtures/insert.js'
import { commitPage, nextPageUrl, walk, type RunCtx } from './context.js'
import { remapQueryString } from './s-queries.js'
import {
  claimId,
  decide,
  dryRunLog,
  liveLocal,
  modifiedStamp,
  nowStored,
  recordHash,
  remember,
  type Json,
} from './s-records.js'
import type { RecordLog } from './runs.repo.js'
import { remoteIdOf } from '../../core/import/run-context.js'
import { originPage, readRecord, type OriginPage } from './origin.schemas.js'

interface BlockIn {
  layout: string
  data: unknown
  layoutData: unknown
  attachments: { itemId: number | null; mediaId: number | null; caption: string }[]
}

/** A page as mapped from the origin: its site here, blocks in order with attachments' items and media remapped. */
interface PageIn {
  siteId: number
  slug: string
  title: string
  isPublic: boolean
  layout: string | null
  layoutData: unknown
  created: string | null
  modified: string | null
  blocks: BlockIn[]
}

/**
 * Block data that names records: an asset block's assets, a browse preview's query. Other layouts'
 * data is copied as it is (see docs/compatibility.md).
 */
function blockData(ctx: RunCtx, layout: string, data: unknown, missing: string[]): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data
  const d = { ...(data as Json) }
  if (layout === 'browsePreview' && 'query' in d) d.query = remapQueryString(ctx, d.query, missing)
  if (layout === 'asset')
    for (const [k, v] of Object.entries(d)) {
      if (!v || typeof v !== 'object' || !('id' in v)) continue
      const remote = Number((v as Json).id)
      const local = Number.isInteger(remote) && remote > 0 ? liveLocal(ctx, 'assets', 'asset', remote) : null
      if (local === null && remote > 0) missing.push(`asset ${remote}`)
      d[k] = { ...(v as Json), id: typeof (v as Json).id === 'number' ? (local ?? 0) : String(local ?? '') }
    }
  return d
}

function mapBlocks(ctx: RunCtx, blocks: OriginPage['o:block'], missing: string[]): BlockIn[] {
  return (blocks ?? []).map((b) => {
    const layout = b['o:layout']
    const attachments = (b['o:attachment'] ?? []).flatMap((a) => {
      const remoteItem = refId(a['o:item'])
      const remoteMedia = refId(a['o:media'])
      const itemId = liveLocal(ctx, 'items', 'resource', remoteItem)
      const mediaId = liveLocal(ctx, 'media', 'resource', remoteMedia)
      if (remoteItem !== null && itemId === null) missing.push(`item ${remoteItem}`)
      if (remoteMedia !== null && mediaId === null) missing.push(`media ${remoteMedia}`)
      return remoteItem !== null && itemId === null ? [] : [{ itemId, mediaId, caption: a['o:caption'] ?? '' }]
    })
    return {
      layout,
      data: blockData(ctx, layout, b['o:data'] ?? [], missing),
      layoutData: b['o:layout_data'] ?? null,
      attachments,
    }
  })
}

function writePage(ctx: RunCtx, remoteId: number, p: PageIn, existing: number | null): number {
  const { db } = ctx.deps
  const id = existing ?? claimId(ctx, 'site_page', remoteId)
  const cols = [
    p.siteId,
    p.slug,
    p.title,
    p.isPublic ? 1 : 0,
    p.layout,
    p.layoutData === null ? null : JSON.stringify(p.layoutData),
    p.created ?? nowStored(),
    p.modified,
    id,
  ]
  db.$client
    .prepare(
      existing === null
        ? 'INSERT INTO site_page (site_id, slug, title, is_public, layout, layout_data, created, modified, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
        : 'UPDATE site_page SET site_id = ?, slug = ?, title = ?, is_public = ?, layout = ?, layout_data = ?, created = ?, modified = ? WHERE id = ?',
    )
    .run(...cols)
  db.$client.prepare('DELETE FROM site_page_block WHERE page_id = ?').run(id)
  p.blocks.forEach((b, n) => {
    const block = db.$client
      .prepare('INSERT INTO site_page_block (page_id, layout, data, layout_data, position) VALUES (?, ?, ?, ?, ?)')
      .run(id, b.layout, JSON.stringify(b.data), b.layoutData === null ? null : JSON.stringify(b.layoutData), n + 1)
    b.attachments.forEach((a, k) =>
      db.$client
        .prepare(
          'INSERT INTO site_block_attachment (block_id, item_id, media_id, caption, position) VALUES (?, ?, ?, ?, ?)',
        )
        .run(block.lastInsertRowid, a.itemId, a.mediaId, a.caption, k + 1),
    )
  })
  return id
}

function importPage(ctx: RunCtx, raw: OriginPage): RecordLog {
  const remoteId = raw['o:id']
  const base = { resource: 'site_pages' as const, remoteId }
  const remoteSite = raw['o:site']['o:id']
  const siteId = liveLocal(ctx, 'sites', 'site', remoteSite)
  if (siteId === null)
    return { ...base, localId: null, outcome: 'skipped', message: `Its site (${remoteSite}) is not imported` }
  const missing: string[] = []
  const p: PageIn = {
    siteId,
    slug: raw['o:slug'],
    title: raw['o:title'],
    isPublic: raw['o:is_public'] !== false,
    layout: raw['o:layout'] ?? null,
    layoutData: raw['o:layout_data'] ?? null,
    created: dateOf(raw['o:created']),
    modified: dateOf(raw['o:modified']),
    blocks: mapBlocks(ctx, raw['o:block'], missing),
  }
  const entry = ctx.map.get('site_pages', remoteId)
  const hash = recordHash(ctx, p)
  const d = decide(ctx, entry, modifiedStamp(ctx.deps, 'site_page', entry?.localId), hash)
  const clash = ctx.deps.db.$client
    .prepare<unknown[], { id: number }>('SELECT id FROM site_page WHERE site_id = ? AND slug = ? AND id != ?')
    .get(siteId, p.slug, d.existing ?? 0)
  if (clash)
    return {
      ...base,
      localId: d.existing,
      outcome: 'skipped',
      message: `A local page (${clash.id}) of the site already has the slug "${p.slug}"; not imported`,
    }
  if (d.outcome === 'unchanged') return { ...base, localId: d.existing, outcome: 'unchanged', message: d.message }
  if (ctx.run.options.dry_run) return dryRunLog('site_pages', remoteId, entry, d)
  const id = writePage(ctx, remoteId, p, d.existing)
  remember(ctx, 'site_pages', remoteId, id, hash, modifiedStamp(ctx.deps, 'site_page', id) ?? null, d, entry)
  return {
    ...base,
    localId: id,
    outcome: d.outcome,
    message: missing.length ? `Not imported, left out: ${missing.join(', ')}` : null,
  }
}

/** Site pages (after sites): one transaction per page of the index. */
export async function importSPages(ctx: RunCtx, url: string): Promise<void> {
  await walk(ctx, 'site_pages', url, (page) => {
    commitPage(ctx, { resource: 'site_pages', url: nextPageUrl(page.url) }, () =>
      page.records.map((raw): RecordLog => {
        const parsed = readRecord(originPage, raw)
        return parsed.ok
          ? importPage(ctx, parsed.value)
          : {
              resource: 'site_pages',
              remoteId: remoteIdOf(raw),
              localId: null,
              outcome: 'failed',
              message: parsed.message,
            }
      }),
    )
  })
}
