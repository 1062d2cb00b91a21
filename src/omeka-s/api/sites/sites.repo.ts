import type { ApiRequest } from '../../context.js'
import { siteJson, type SiteRelations, type SiteRow } from './sites.representation.js'
import { param, type TableSpec } from '../../simple.js'
import { pageVisibleSql, siteVisibleSql } from './sites.visibility.js'

export type { SiteRow } from './sites.representation.js'

const ids = (req: ApiRequest, sql: string, ...args: unknown[]) =>
  req.deps.db.$client
    .prepare<unknown[], { id: number }>(sql)
    .all(...args)
    .map((r) => r.id)

/** A site's representation: its relations read here, rendered by sites.representation.ts. */
export function siteJsonOf(req: ApiRequest, s: SiteRow): Record<string, unknown> {
  return siteJson(req.urls, s, siteRelations(req, s))
}

/** The pages this caller sees, the permissions and the item sets of a site, in Omeka's order. */
function siteRelations(req: ApiRequest, s: SiteRow): SiteRelations {
  const { db } = req.deps
  const vis = pageVisibleSql(req.user, 'p', 'st')
  const pages = ids(
    req,
    `SELECT p.id FROM site_page p JOIN site st ON st.id = p.site_id WHERE p.site_id = ? AND ${vis.sql} ORDER BY p.id`,
    s.id,
    ...vis.args,
  )
  const perms = db.$client
    .prepare<unknown[], { userId: number; role: string }>(
      'SELECT user_id AS userId, role FROM site_permission WHERE site_id = ? ORDER BY id',
    )
    .all(s.id)
  const sets = ids(req, 'SELECT item_set_id AS id FROM site_item_set WHERE site_id = ? ORDER BY position', s.id)
  return { pages, perms, sets }
}

export const siteSpec: TableSpec<SiteRow> = {
  table: 'site t',
  entity: 'Site',
  select: `t.id, t.owner_id AS ownerId, t.slug, t.theme, t.title, t.summary, t.thumbnail_id AS thumbnailId, t.navigation, t.homepage_id AS homepageId,
    t.item_pool AS itemPool, t.created, t.modified, t.is_public AS isPublic, t.assign_new_items AS assignNewItems`,
  where(q, w, req) {
    const vis = siteVisibleSql(req.user, 't')
    w.add(vis.sql, ...vis.args)
    const slug = param(q, 'slug')
    if (slug !== undefined) w.add('t.slug = ?', slug)
    const owner = param(q, 'owner_id')
    if (owner !== undefined) w.add('t.owner_id = ?', parseInt(owner, 10) || 0)
    const exclude = param(q, 'exclude_id')
    if (exclude !== undefined) w.add('t.id != ?', parseInt(exclude, 10) || 0)
    const assign = param(q, 'assign_new_items')
    if (assign !== undefined && /^\d+$/.test(assign)) w.add('t.assign_new_items = ?', Number(assign) ? 1 : 0)
    if (param(q, 'user_has_role') !== undefined && req.user)
      w.add('EXISTS (SELECT 1 FROM site_permission sp WHERE sp.site_id = t.id AND sp.user_id = ?)', req.user.id)
  },
  sorts: {
    id: 't.id',
    is_public: 't.is_public',
    created: 't.created',
    modified: 't.modified',
    title: 's_collate(t.title)',
    slug: 's_collate(t.slug)',
    owner_name: 's_collate((SELECT name FROM user WHERE id = t.owner_id))',
  },
  render: (req, rows) => rows.map((s) => siteJsonOf(req, s)),
}
