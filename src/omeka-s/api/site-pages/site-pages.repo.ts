import type { ApiRequest } from '../../context.js'
import { pageJson, type PageBlock, type PageRow } from './site-pages.representation.js'
import { param, type TableSpec } from '../../simple.js'
import { pageVisibleSql } from '../sites/sites.visibility.js'

export type { PageRow } from './site-pages.representation.js'

/** A page's blocks and their attachments, in order. */
function pageBlocks(req: ApiRequest, p: PageRow): PageBlock[] {
  const { db } = req.deps
  const attachments = db.$client.prepare<unknown[], PageBlock['attachments'][number]>(
    'SELECT item_id AS itemId, media_id AS mediaId, caption FROM site_block_attachment WHERE block_id = ? ORDER BY position',
  )
  return db.$client
    .prepare<unknown[], Omit<PageBlock, 'attachments'>>(
      'SELECT id, layout, data, layout_data AS layoutData FROM site_page_block WHERE page_id = ? ORDER BY position',
    )
    .all(p.id)
    .map((b) => ({ ...b, attachments: attachments.all(b.id) }))
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
  render: (req, rows) => rows.map((p) => pageJson(req.urls, p, pageBlocks(req, p))),
}
