// Imported (not read from disk): the bundled dist/ has no folder beside this module.
import welcomeBlocks from './welcome-blocks.json' with { type: 'json' }
import { nextId, transaction, type Db } from '../../db/client.js'
import { denied, isAdmin, ROLES, type User } from '../../acl.js'
import { entityClass, type ApiRequest } from '../../context.js'
import { entityNotFound, validationError } from '../../respond.js'
import { tableRow } from '../../simple.js'
import {
  asDeleted,
  automaticSlug,
  nowTimestamp,
  phpBool,
  refIdOf,
  shouldHydrate,
  slugErrors,
  sqlId,
  strOrNull,
} from '../../write/payload-fields.js'
import { siteJsonOf, siteSpec } from './sites.repo.js'
import { siteVisibleSql } from './sites.visibility.js'

/** The example page Omeka S gives every new site (its blocks as recorded from 4.2.0). */
const WELCOME_BLOCKS = welcomeBlocks as { layout: string; data: unknown }[]
const DEFAULT_NAVIGATION = [{ type: 'browse', data: { label: 'Browse', query: '' }, links: [] }]

const SITE = entityClass('Site')

/** Site admins and global admins manage every site; others their own or those where they are site admin. */
export function managesSite(db: Db, user: User | null, siteId: number, roles: readonly string[] = ['admin']): boolean {
  if (!user) return false
  if (isAdmin(user)) return true
  const site = db.$client
    .prepare<unknown[], { ownerId: number | null }>('SELECT owner_id AS ownerId FROM site WHERE id = ?')
    .get(siteId)
  if (site?.ownerId === user.id) return true
  const perm = db.$client
    .prepare<unknown[], { role: string }>('SELECT role FROM site_permission WHERE site_id = ? AND user_id = ?')
    .get(siteId, user.id)
  return perm !== undefined && roles.includes(perm.role)
}

interface SiteFields {
  title?: string
  slug?: string
  theme?: string
}

/** SiteAdapter::hydrate + validateEntity for the required fields (all errors at once). */
function requiredFields(
  req: ApiRequest,
  partial: boolean,
  creating: boolean,
  current?: { title: string; slug: string; theme: string },
): Required<SiteFields> {
  const text = (key: string, old: string | undefined) =>
    shouldHydrate(req, partial, key) ? (strOrNull(req.body[key]) ?? '').trim() : (old ?? '')
  const title = text('o:title', current?.title)
  let slug = text('o:slug', current?.slug)
  if (slug === '' && creating && title !== '') slug = automaticSlug(title)
  const theme = text('o:theme', current?.theme)
  const errors: Record<string, string[]> = {}
  if (title === '') errors['o:title'] = ['A site must have a title.']
  const slugs = slugErrors(
    slug,
    () =>
      req.deps.db.$client
        .prepare('SELECT 1 FROM site WHERE slug = ? AND id != ?')
        .get(slug, current ? pathIdOf(req) : 0) !== undefined,
  )
  if (slugs.length) errors['o:slug'] = slugs
  if (theme === '') errors['o:theme'] = ['A site must have a theme.']
  else if (!installedThemes(req.deps.db).has(theme)) errors['o:theme'] = [`The theme "${theme}" is not installed.`]
  if (Object.keys(errors).length) validationError(errors)
  return { title, slug, theme }
}

/**
 * The themes a site may use: Omeka S's bundled `default`, and those of the sites already stored (imported
 * or loaded from a fixture). Omeka S's API takes any string and later builds theme paths from it; see
 * docs/compatibility.md.
 */
function installedThemes(db: ApiRequest['deps']['db']): Set<string> {
  const rows = db.$client.prepare<unknown[], { theme: string }>('SELECT DISTINCT theme FROM site').all()
  return new Set(['default', ...rows.map((r) => r.theme).filter((t) => /^[a-zA-Z0-9_-]+$/.test(t))])
}

const pathIdOf = (req: ApiRequest) => sqlId(req.id)
const jsonOr = (v: unknown, fallback: unknown) => JSON.stringify(v !== null && typeof v === 'object' ? v : fallback)

function saveSiteItemSets(db: Db, siteId: number, list: unknown): void {
  db.$client.prepare('DELETE FROM site_item_set WHERE site_id = ?').run(siteId)
  const entries = Array.isArray(list) ? list : []
  entries.forEach((e, n) => {
    const id = refIdOf((e as Record<string, unknown> | null)?.['o:item_set'])
    if (id !== null)
      db.$client
        .prepare('INSERT INTO site_item_set (site_id, item_set_id, position) VALUES (?, ?, ?)')
        .run(siteId, id, n + 1)
  })
}

function insertWelcomePage(db: Db, siteId: number, now: string): void {
  const pageId = nextId(db, 'site_pages')
  db.$client
    .prepare(
      "INSERT INTO site_page (id, site_id, slug, title, is_public, created, modified) VALUES (?, ?, 'welcome', 'Welcome', 1, ?, ?)",
    )
    .run(pageId, siteId, now, now)
  WELCOME_BLOCKS.forEach((b, n) =>
    db.$client
      .prepare('INSERT INTO site_page_block (page_id, layout, data, position) VALUES (?, ?, ?, ?)')
      .run(pageId, b.layout, JSON.stringify(b.data), n + 1),
  )
}

/** POST /api/sites (editors and up): the owner becomes its admin and a Welcome page is added. */
export function createSite(req: ApiRequest): unknown {
  if (!req.user || ROLES.indexOf(req.user.role) < ROLES.indexOf('editor')) denied('create', SITE)
  const f = requiredFields(req, false, true)
  const { db } = req.deps
  const b = req.body
  const id = transaction(db, () => {
    const id = nextId(db, 'sites')
    const now = nowTimestamp()
    db.$client
      .prepare(
        `INSERT INTO site (id, owner_id, slug, theme, title, summary, thumbnail_id, navigation, homepage_id, item_pool, created, modified, is_public, assign_new_items)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        req.user!.id,
        f.slug,
        f.theme,
        f.title,
        strOrNull(b['o:summary']) || null,
        refIdOf(b['o:thumbnail']),
        JSON.stringify(DEFAULT_NAVIGATION),
        jsonOr(b['o:item_pool'], []),
        now,
        now,
        phpBool(b['o:is_public'] ?? true) ? 1 : 0,
        phpBool(b['o:assign_new_items']) ? 1 : 0,
      )
    db.$client
      .prepare("INSERT INTO site_permission (site_id, user_id, role) VALUES (?, ?, 'admin')")
      .run(id, req.user!.id)
    saveSiteItemSets(db, id, b['o:site_item_set'])
    insertWelcomePage(db, id, now)
    return id
  })
  return siteJsonOf(req, tableRow(req, siteSpec, id)!)
}

function writableSite(req: ApiRequest, op: 'update' | 'delete') {
  const vis = siteVisibleSql(req.user, 't')
  const row = tableRow(req, siteSpec, pathIdOf(req))
  if (
    !row ||
    !req.deps.db.$client.prepare(`SELECT 1 FROM site t WHERE t.id = ? AND ${vis.sql}`).get(row.id, ...vis.args)
  )
    return entityNotFound('Site', req.id)
  if (!managesSite(req.deps.db, req.user, row.id)) denied(op, SITE)
  return row
}

/** PUT/PATCH /api/sites/:id. */
export function updateSite(req: ApiRequest, partial: boolean): unknown {
  const row = writableSite(req, 'update')
  const f = requiredFields(req, partial, false, row)
  const { db } = req.deps
  const b = req.body
  const has = (k: string) => shouldHydrate(req, partial, k)
  transaction(db, () => {
    const set = (col: string, v: unknown) =>
      db.$client.prepare(`UPDATE site SET ${col} = ? WHERE id = ?`).run(v, row.id)
    set('title', f.title)
    set('slug', f.slug)
    set('theme', f.theme)
    if (has('o:summary')) set('summary', strOrNull(b['o:summary']) || null)
    if (has('o:is_public')) set('is_public', phpBool(b['o:is_public'] ?? true) ? 1 : 0)
    if (has('o:assign_new_items')) set('assign_new_items', phpBool(b['o:assign_new_items']) ? 1 : 0)
    if (has('o:item_pool')) set('item_pool', jsonOr(b['o:item_pool'], []))
    if ('o:navigation' in b) set('navigation', jsonOr(b['o:navigation'], []))
    if (has('o:homepage')) set('homepage_id', refIdOf(b['o:homepage']))
    if (has('o:thumbnail')) set('thumbnail_id', refIdOf(b['o:thumbnail']))
    if ('o:site_item_set' in b) saveSiteItemSets(db, row.id, b['o:site_item_set'])
    set('modified', nowTimestamp())
  })
  return siteJsonOf(req, tableRow(req, siteSpec, row.id)!)
}

/** DELETE /api/sites/:id: its pages go with it. */
export function deleteSite(req: ApiRequest): unknown {
  const row = writableSite(req, 'delete')
  const rep = asDeleted(siteJsonOf(req, row), req.urls.api('sites'))
  rep['o:page'] = (rep['o:page'] as unknown[]).map(() => ({ '@id': req.urls.api('site_pages'), 'o:id': null }))
  rep['o:site_item'] = { '@id': req.urls.api('items') }
  transaction(req.deps.db, () => {
    req.deps.db.$client.prepare('DELETE FROM item_site WHERE site_id = ?').run(row.id)
    req.deps.db.$client.prepare('DELETE FROM site WHERE id = ?').run(row.id)
  })
  return rep
}
