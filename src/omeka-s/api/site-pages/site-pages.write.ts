import { nextId, transaction, type Db } from '../../db/client.js'
import { denied } from '../../acl.js'
import { entityClass, type ApiRequest } from '../../context.js'
import { entityNotFound, phpErrorPage, validationError } from '../../respond.js'
import { tableRow } from '../../simple.js'
import { managesSite } from '../sites/sites.write.js'
import { pageVisibleSql, siteVisibleSql } from '../sites/sites.visibility.js'
import {
  asDeleted,
  automaticSlug,
  nowTimestamp,
  pathId,
  phpBool,
  rawRefId,
  refIdOf,
  shouldHydrate,
  slugErrors,
  strOrNull,
} from '../../write/payload-fields.js'
import { pageSpec, type PageRow } from './site-pages.repo.js'
import { purifyHtml } from '../../http/purify.js'

const PAGE_ROLES = ['admin', 'editor']
const purifierOf = (req: ApiRequest) => (req.settings.use_htmlpurifier ? purifyHtml : (html: string) => html)
const objects = (v: unknown): Record<string, unknown>[] =>
  (Array.isArray(v) ? v : []).filter(
    (e): e is Record<string, unknown> => e !== null && typeof e === 'object' && !Array.isArray(e),
  )

/**
 * Replaces a page's blocks and their attachments, in payload order. With `use_htmlpurifier` on, an html block's
 * `html` and every attachment caption go through the purifier, as the Html block layout's onHydrate and
 * SitePageAdapter::hydrateAttachments do.
 */
function saveBlocks(db: Db, pageId: number, blocks: unknown, purify: (html: string) => string): void {
  db.$client.prepare('DELETE FROM site_page_block WHERE page_id = ?').run(pageId)
  objects(blocks).forEach((b, n) => {
    let data = b['o:data'] !== null && typeof b['o:data'] === 'object' ? b['o:data'] : []
    if (b['o:layout'] === 'html' && !Array.isArray(data)) {
      const html = (data as Record<string, unknown>).html
      data = { ...data, html: typeof html === 'string' ? purify(html) : html === undefined ? '' : html }
    }
    const layoutData =
      b['o:layout_data'] !== null && typeof b['o:layout_data'] === 'object' ? JSON.stringify(b['o:layout_data']) : null
    const info = db.$client
      .prepare('INSERT INTO site_page_block (page_id, layout, data, layout_data, position) VALUES (?, ?, ?, ?, ?)')
      .run(pageId, strOrNull(b['o:layout']) ?? '', JSON.stringify(data), layoutData, n + 1)
    objects(b['o:attachment']).forEach((a, k) =>
      db.$client
        .prepare(
          'INSERT INTO site_block_attachment (block_id, item_id, media_id, caption, position) VALUES (?, ?, ?, ?, ?)',
        )
        .run(
          info.lastInsertRowid,
          refIdOf(a['o:item']),
          refIdOf(a['o:media']),
          purify(strOrNull(a['o:caption']) ?? ''),
          k + 1,
        ),
    )
  })
}

/** SitePageAdapter's required fields (all errors at once); an empty slug follows the title on create. */
function requiredFields(
  req: ApiRequest,
  partial: boolean,
  current?: PageRow,
): { siteId: number | null; title: string; slug: string } {
  const text = (key: string, old: string | undefined) =>
    shouldHydrate(req, partial, key) ? (strOrNull(req.body[key]) ?? '').trim() : (old ?? '')
  const siteId = current ? current.siteId : refIdOf(req.body['o:site'])
  const site = siteId === null ? undefined : req.deps.db.$client.prepare('SELECT id FROM site WHERE id = ?').get(siteId)
  const title = text('o:title', current?.title)
  let slug = text('o:slug', current?.slug)
  if (slug === '' && !current && title !== '') slug = automaticSlug(title)
  const errors: Record<string, string[]> = {}
  if (!site) errors['o:site'] = ['A page must belong to a site.']
  if (title === '') errors['o:title'] = ['A page must have a title.']
  errors['o:slug'] = slugErrors(
    slug,
    () =>
      !!site &&
      req.deps.db.$client
        .prepare('SELECT 1 FROM site_page WHERE site_id = ? AND slug = ? AND id != ?')
        .get(siteId, slug, current?.id ?? 0) !== undefined,
  )
  if (errors['o:slug'].length === 0) delete errors['o:slug']
  if (Object.keys(errors).length) validationError(errors)
  return { siteId, title, slug }
}

const render = (req: ApiRequest, id: number) =>
  pageSpec.render(req, [tableRow(req, pageSpec, id)!])[0] as Record<string, unknown>

/** POST /api/site_pages: needs the add-page privilege on the site (its admins and editors). */
export function createPage(req: ApiRequest): unknown {
  // SitePageAdapter::hydrate: the named site is found (404 when missing or not visible), then authorised.
  const siteId = refIdOf(req.body['o:site'])
  if (siteId !== null) {
    const vis = siteVisibleSql(req.user, 's')
    if (!req.deps.db.$client.prepare(`SELECT 1 FROM site s WHERE s.id = ? AND ${vis.sql}`).get(siteId, ...vis.args))
      entityNotFound('Site', rawRefId(req.body['o:site']) ?? siteId)
    if (!managesSite(req.deps.db, req.user, siteId, PAGE_ROLES)) denied('add-page', entityClass('Site'))
  }
  const f = requiredFields(req, false)
  const { db } = req.deps
  const id = transaction(db, () => {
    const id = nextId(db, 'site_pages')
    const now = nowTimestamp()
    db.$client
      .prepare(
        'INSERT INTO site_page (id, site_id, slug, title, is_public, layout, layout_data, created, modified) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)',
      )
      .run(
        id,
        f.siteId,
        f.slug,
        f.title,
        phpBool(req.body['o:is_public'] ?? true) ? 1 : 0,
        strOrNull(req.body['o:layout']),
        now,
        now,
      )
    // A page created without `o:block` starts with a page title block.
    saveBlocks(db, id, 'o:block' in req.body ? req.body['o:block'] : [{ 'o:layout': 'pageTitle' }], purifierOf(req))
    return id
  })
  return render(req, id)
}

/** Whether the caller sees the page of the path. */
function seesPage(req: ApiRequest): boolean {
  const vis = pageVisibleSql(req.user, 't', 'st')
  return (
    req.deps.db.$client
      .prepare(`SELECT 1 FROM ${pageSpec.table} WHERE t.id = ? AND ${vis.sql}`)
      .get(pathId(req), ...vis.args) !== undefined
  )
}

function writablePage(req: ApiRequest, op: 'update' | 'delete'): PageRow {
  const vis = pageVisibleSql(req.user, 't', 'st')
  const row = req.deps.db.$client
    .prepare<unknown[], PageRow>(`SELECT ${pageSpec.select} FROM ${pageSpec.table} WHERE t.id = ? AND ${vis.sql}`)
    .get(pathId(req), ...vis.args)
  if (!row) return entityNotFound('SitePage', req.id)
  if (!managesSite(req.deps.db, req.user, row.siteId, PAGE_ROLES)) denied(op, entityClass('SitePage'))
  return row
}

/** PUT/PATCH /api/site_pages/:id. */
export function updatePage(req: ApiRequest, partial: boolean): unknown {
  const row = writablePage(req, 'update')
  const f = requiredFields(req, partial, row)
  const { db } = req.deps
  transaction(db, () => {
    const isPublic = shouldHydrate(req, partial, 'o:is_public')
      ? phpBool(req.body['o:is_public'] ?? true)
      : row.isPublic === 1
    db.$client
      .prepare('UPDATE site_page SET title = ?, slug = ?, is_public = ?, modified = ? WHERE id = ?')
      .run(f.title, f.slug, isPublic ? 1 : 0, nowTimestamp(), row.id)
    if (shouldHydrate(req, partial, 'o:block')) saveBlocks(db, row.id, req.body['o:block'], purifierOf(req))
  })
  return render(req, row.id)
}

/** DELETE /api/site_pages/:id. */
export function deletePage(req: ApiRequest): unknown {
  // Omeka S 4.2.0 lets a signed-in user delete a page they cannot see (its site is private to them),
  // then answers its 500 HTML error page; a visible page without rights is a 403 as usual.
  if (req.deps.config.bugCompat && req.user && !seesPage(req)) {
    const deleted = req.deps.db.$client.prepare('DELETE FROM site_page WHERE id = ?').run(pathId(req))
    if (deleted.changes) phpErrorPage()
  }
  const row = writablePage(req, 'delete')
  const rep = asDeleted(render(req, row.id), req.urls.api('site_pages'))
  req.deps.db.$client.prepare('DELETE FROM site_page WHERE id = ?').run(row.id)
  return rep
}
