import type { ApiRequest } from '../../context.js'
import type { RawRow } from '../../../core/db/rows.js'
import type { sitePages } from '../../db/schema/index.js'
import { dateJson, ref } from '../resources/json.js'
import { param, type TableSpec } from '../../simple.js'
import { pageVisibleSql } from '../sites/sites.visibility.js'

/** A `site_page` row (`is_public` as 0/1). */
export type PageRow = RawRow<typeof sitePages>

/** SitePageRepresentation with blocks and attachments in order. */
function pageJson(req: ApiRequest, p: PageRow): Record<string, unknown> {
  const { db } = req.deps
  const { urls } = req
  const blocks = db.$client
    .prepare<
      unknown[],
      {
        id: number
        layout: string
        data: string
        layoutData: string | null
      }
    >('SELECT id, layout, data, layout_data AS layoutData FROM site_page_block WHERE page_id = ? ORDER BY position')
    .all(p.id)
  const attachments = db.$client.prepare(
    'SELECT item_id AS itemId, media_id AS mediaId, caption FROM site_block_attachment WHERE block_id = ? ORDER BY position',
  )
  return {
    '@context': urls.context,
    '@id': urls.api('site_pages', p.id),
    '@type': 'o:SitePage',
    'o:id': p.id,
    'o:slug': p.slug,
    'o:title': p.title,
    'o:is_public': p.isPublic === 1,
    'o:layout': p.layout,
    'o:layout_data': p.layoutData === null ? [] : JSON.parse(p.layoutData),
    'o:block': blocks.map((b) => ({
      'o:layout': b.layout,
      'o:data': JSON.parse(b.data),
      'o:layout_data': b.layoutData === null ? null : JSON.parse(b.layoutData),
      'o:attachment': (
        attachments.all(b.id) as { itemId: number | null; mediaId: number | null; caption: string }[]
      ).map((a) => ({
        'o:item': ref(urls, 'items', a.itemId),
        'o:media': ref(urls, 'media', a.mediaId),
        'o:caption': a.caption,
      })),
    })),
    'o:site': ref(urls, 'sites', p.siteId),
    'o:created': dateJson(p.created),
    'o:modified': dateJson(p.modified),
  }
}

export const pageSpec: TableSpec<PageRow> = {
  table: 'site_page t JOIN site st ON st.id = t.site_id',
  entity: 'SitePage',
  select:
    't.id, t.site_id AS siteId, t.slug, t.title, t.is_public AS isPublic, t.layout, t.layout_data AS layoutData, t.created, t.modified',
  where(q, w, req) {
    const vis = pageVisibleSql(req.user, 't', 'st')
    w.add(vis.sql, ...vis.args)
    const site = param(q, 'site_id')
    if (site !== undefined) w.add('t.site_id = ?', parseInt(site, 10) || 0)
    const slug = param(q, 'slug')
    if (slug !== undefined) w.add('t.slug = ?', slug)
    const siteSlug = param(q, 'site_slug')
    if (siteSlug !== undefined) w.add('st.slug = ?', siteSlug)
    const pub = param(q, 'is_public')
    if (pub !== undefined && /^\d+$/.test(pub)) w.add('t.is_public = ?', Number(pub) ? 1 : 0)
    const item = param(q, 'item_id')
    if (item !== undefined)
      w.add(
        'EXISTS (SELECT 1 FROM site_page_block b JOIN site_block_attachment a ON a.block_id = b.id WHERE b.page_id = t.id AND a.item_id = ?)',
        parseInt(item, 10) || 0,
      )
  },
  sorts: {
    id: 't.id',
    created: 't.created',
    modified: 't.modified',
    title: 's_collate(t.title)',
    slug: 's_collate(t.slug)',
  },
  render: (req, rows) => rows.map((p) => pageJson(req, p)),
}
