import { scalarParam, type PhpArray } from '../core/http/php-query.js'
import { pageOf } from './browse.js'
import type { SearchResult, ApiRequest } from './context.js'
import { idCriterion, Where } from './api/resources/resource.search.js'
import { entityNotFound } from './respond.js'
import { sqlId } from './write/payload-fields.js'

/** A non-resource adapter's search: its table, criteria, sortable fields and representation. */
export interface TableSpec<Row> {
  table: string
  entity: string
  select: string
  where(q: PhpArray, w: Where, req: ApiRequest): void
  /** Whitelisted sort_by values → SQL expressions. */
  sorts: Record<string, string>
  render(req: ApiRequest, rows: Row[]): unknown[]
}

/** Runs a table search with Omeka's paging and `sort_by, id` ordering. */
export function tableSearch<Row>(req: ApiRequest, spec: TableSpec<Row>): SearchResult {
  const { db } = req.deps
  const w = new Where()
  // AbstractEntityAdapter::buildBaseQuery: `id` filters every entity adapter.
  const ids = idCriterion(req.query.get('id'))
  if (ids) w.add(`t.id IN (${ids.map(() => '?').join(', ')})`, ...ids)
  spec.where(req.query, w, req)
  const total = db.$client
    .prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM ${spec.table} WHERE ${w.sql}`)
    .get(...w.args)!.n
  const dir = (scalarParam(req.query, 'sort_order') ?? '').toLowerCase() === 'desc' ? 'DESC' : 'ASC'
  const field = spec.sorts[scalarParam(req.query, 'sort_by') ?? 'id']
  const order = field ? `${field} ${dir}, t.id ${dir}` : `t.id ${dir}`
  const page = pageOf(req.query, req.settings.pagination_per_page)
  const limit = page.limit === null ? '' : ` LIMIT ${page.limit} OFFSET ${page.offset}`
  const rows = db.$client
    .prepare<unknown[], Row>(`SELECT ${spec.select} FROM ${spec.table} WHERE ${w.sql} ORDER BY ${order}${limit}`)
    .all(...w.args)
  return { items: spec.render(req, rows), total }
}

/** Reads one row by the path id (visibility criteria included), or Omeka's 404. */
export function tableRead<Row>(req: ApiRequest, spec: TableSpec<Row>, extra?: (w: Where) => void): unknown {
  const w = new Where().add('t.id = ?', sqlId(req.id))
  extra?.(w)
  const row = req.deps.db.$client
    .prepare<unknown[], Row>(`SELECT ${spec.select} FROM ${spec.table} WHERE ${w.sql}`)
    .get(...w.args)
  if (!row) entityNotFound(spec.entity, req.id)
  return spec.render(req, [row])[0]
}

/** A scalar query parameter when present and non-empty. */
export const param = (q: PhpArray, name: string): string | undefined => {
  const v = scalarParam(q, name)
  return v === undefined || v === '' ? undefined : v
}

/** One row by id, whatever its visibility (the writer's own read after a write). */
export function tableRow<Row>(req: ApiRequest, spec: TableSpec<Row>, id: number): Row | undefined {
  return req.deps.db.$client.prepare<unknown[], Row>(`SELECT ${spec.select} FROM ${spec.table} WHERE t.id = ?`).get(id)
}
