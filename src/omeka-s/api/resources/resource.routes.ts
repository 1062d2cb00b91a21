import { memoUntilChange, prepared } from '../../db/client.js'
import { scalarParam } from '../../../core/http/php-query.js'
import { pageOf } from '../../browse.js'
import type { SearchResult, ApiRequest } from '../../context.js'
import { entityNotFound, serverError } from '../../respond.js'
import { loadResources, type ResourceRow } from './resource.data.js'
import { represent, renderScope, type RenderScope } from './resource.representation.js'
import { resourceWhere } from './resource.search.js'
import { resourceOrder } from './resource.sort.js'
import { kindCriteria } from './kind-criteria.js'
import { sqlId } from '../../write/payload-fields.js'
import { fragmentsOf, PLACEHOLDER_ORIGIN } from '../../../core/http/fragments.js'
import { dbStamp } from '../../db/client.js'
import { stateKey } from '../../../core/http/state-labels.js'
import { jsonEncode } from '../../http/s-json.js'
import { makeUrls } from '../../urls.js'

export type { SearchKind } from './resource.data.js'
import type { SearchKind } from './resource.data.js'

export const ENTITY: Record<SearchKind, string> = {
  items: 'Item',
  item_sets: 'ItemSet',
  media: 'Media',
  resources: 'Resource',
}
const SCALARS: Record<string, keyof ResourceRow> = {
  id: 'id',
  title: 'title',
  is_public: 'isPublic',
  created: 'created',
  modified: 'modified',
}

/** The request's render scope (caller, URLs, settings). */
export const scopeOf = (req: ApiRequest): RenderScope => renderScope(req.deps.db, req.urls, req.user, req.settings)

/** GET /api/<items|item_sets|media|resources>: criteria, sort, page, then representations. */
export function searchResources(req: ApiRequest, kind: SearchKind): SearchResult {
  const scope = scopeOf(req)
  const { db } = req.deps
  const where = resourceWhere(req.query, req.user, scope.catalog, db, kind)
  kindCriteria(kind, req.query, where, req.user)
  const scalar = scalarParam(req.query, 'return_scalar')
  if (scalar !== undefined && !SCALARS[scalar])
    serverError(
      `The "${scalar}" field is not available in the Omeka\\Api\\Adapter\\${ENTITY[kind]}Adapter adapter class.`,
    )
  const countSql = `${where.prefix}SELECT COUNT(*) AS n FROM resource r WHERE ${where.sql}`
  const countArgs = [...where.cteArgs, ...where.args]
  const total = memoUntilChange(
    db,
    where.memoKey(countSql),
    () => (prepared(db, countSql).get(...countArgs) as { n: number }).n,
  )
  const order = resourceOrder(req.query, kind, req.user, scope.catalog)
  const page = pageOf(req.query, req.settings.pagination_per_page)
  const limit = page.limit === null ? '' : ` LIMIT ${page.limit} OFFSET ${page.offset}`
  // Remembered until the database changes, as the count is: a page of a large result (a full-text search
  // sorted by relevance) is otherwise sorted in full for every request.
  const idsSql = `${where.prefix}SELECT r.id FROM resource r WHERE ${where.sql} ORDER BY ${order.sql}${limit}`
  const idsArgs = [...where.cteArgs, ...where.args, ...order.args]
  const ids = memoUntilChange(db, where.memoKey(idsSql, order.args), () =>
    (prepared(db, idsSql).all(...idsArgs) as { id: number }[]).map((r) => r.id),
  )
  const rows = loadResources(db, ids, req.user)
  if (scalar !== undefined)
    return { items: Object.fromEntries(rows.map((r) => [String(r.id), r[SCALARS[scalar]!]])), total }
  return { items: representPage(req, kind, scope, rows), total }
}

/**
 * A page of resources, each encoded once per database state and caller (see http/fragments.ts);
 * pretty-printed answers and reads inside a transaction are made in full.
 */
function representPage(req: ApiRequest, kind: SearchKind, scope: RenderScope, rows: ResourceRow[]): unknown[] {
  const { db, mount } = req.deps
  if (req.query.has('pretty_print') || db.$client.inTransaction) return represent(scope, rows)
  const at = {
    stamp: stateKey(db.$client, dbStamp(db)),
    variant: `${kind}|${req.user?.id ?? 0}`,
    origin: req.urls.origin,
    encode: (v: unknown) => jsonEncode(v),
  }
  const atPlaceholder: RenderScope = { ...scope, urls: makeUrls(PLACEHOLDER_ORIGIN, mount) }
  return fragmentsOf(db.$client).page(
    at,
    rows,
    (r) => r.id,
    (missing) => represent(atPlaceholder, missing),
  )
}

/** The visible row of `kind` with the path's id, or Omeka's 404. */
export function findResource(req: ApiRequest, kind: SearchKind): ResourceRow {
  const id = sqlId(req.id)
  return (
    loadResources(req.deps.db, [id], req.user, kind === 'resources' ? undefined : kind)[0] ??
    entityNotFound(ENTITY[kind], req.id)
  )
}

/** GET /api/<kind>/<id>. */
export function readResource(req: ApiRequest, kind: SearchKind): Record<string, unknown> {
  return represent(scopeOf(req), [findResource(req, kind)])[0]!
}
