import { ApiError, notFound } from '../../../../core/http/errors.js'
import type { ClassicRequest, ClassicResource } from '../../../context.js'
import { bugCompat, indexResponse, pageOf, recordResponse } from '../../../respond.js'
import { extendedResources } from '../../../extensions.js'
import { findPage, loadPageRelations, pagesOrder, pagesWhere, searchPages, type PageRow } from './exhibit-pages.repo.js'
import { toPageJson } from './exhibit-pages.representation.js'

function represent(req: ClassicRequest, rows: PageRow[]) {
  const rel = loadPageRelations(
    req.deps.db,
    rows.map((r) => r.id),
  )
  return rows.map((row) => toPageJson(row, rel, req.urls, extendedResources(req, 'exhibit_pages', row.id)))
}

/**
 * `/api/exhibit_pages` of ExhibitBuilder 3.10.1: read-only. A single page is served normally
 * (ExhibitBuilder answers an empty 500 on PHP 8: docs/compatibility.md).
 */
export const exhibitPagesResource: ClassicResource = {
  name: 'exhibit_pages',
  recordType: 'ExhibitPage',
  actions: ['get', 'index'],
  indexParams: ['parent', 'exhibit', 'order', 'topOnly', 'item'],
  handlers: {
    index(req) {
      const page = pageOf(req)
      const { rows, total } = searchPages(
        req.deps.db,
        pagesWhere(req.query, req.user, bugCompat(req)),
        pagesOrder(req.query, req.user, bugCompat(req)),
        page.page,
        page.perPage,
      )
      return indexResponse(req, 'exhibit_pages', represent(req, rows), total, page)
    },
    get(req) {
      const page = findPage(req.deps.db, req.id, req.user) ?? notFound()
      // Bug-compatible: ExhibitBuilder's PHP 8 fatal (an ExhibitPage is not a Zend_Acl resource).
      if (bugCompat(req)) throw new ApiError(500, '', undefined, true)
      return recordResponse(req, represent(req, [page])[0])
    },
  },
}
