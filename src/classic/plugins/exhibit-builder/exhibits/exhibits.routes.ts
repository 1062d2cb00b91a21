import { notFound } from '../../../../core/http/errors.js'
import type { ClassicRequest, ClassicResource } from '../../../context.js'
import { bugCompat, indexResponse, pageOf, recordResponse } from '../../../respond.js'
import { extendedResources } from '../../../extensions.js'
import {
  exhibitsOrder,
  exhibitsWhere,
  findExhibit,
  loadExhibitRelations,
  searchExhibits,
  type ExhibitRow,
} from './exhibits.repo.js'
import { toExhibitJson } from './exhibits.representation.js'

function represent(req: ClassicRequest, rows: ExhibitRow[]) {
  const rel = loadExhibitRelations(
    req.deps.db,
    rows.map((r) => r.id),
  )
  return rows.map((row) => toExhibitJson(row, rel, req.urls, extendedResources(req, 'exhibits', row.id)))
}

/** `/api/exhibits` of ExhibitBuilder 3.10.1: read-only. */
export const exhibitsResource: ClassicResource = {
  name: 'exhibits',
  recordType: 'Exhibit',
  actions: ['get', 'index'],
  indexParams: ['tag', 'tags', 'sort', 'public', 'featured'],
  handlers: {
    index(req) {
      const page = pageOf(req)
      const { rows, total } = searchExhibits(
        req.deps.db,
        exhibitsWhere(req.query, req.user, bugCompat(req)),
        exhibitsOrder(req.query),
        page.page,
        page.perPage,
      )
      return indexResponse(req, 'exhibits', represent(req, rows), total, page)
    },
    get(req) {
      return recordResponse(req, represent(req, [findExhibit(req.deps.db, req.id, req.user) ?? notFound()])[0])
    },
  },
}
