import { canChangeResource, denied } from '../acl.js'
import { entityClass, type ApiRequest } from '../context.js'
import { entityNotFound } from '../respond.js'
import { tableRow, type TableSpec } from '../simple.js'
import { pathId } from './payload-fields.js'

/** The row of an owned record (asset, template) for an update or delete: 404, then the entity-level 403. */
export function writableOwned<Row extends { ownerId: number | null }>(
  req: ApiRequest,
  spec: TableSpec<Row>,
  op: 'update' | 'delete',
): Row {
  const row = tableRow(req, spec, pathId(req))
  if (!row) return entityNotFound(spec.entity, req.id)
  if (!canChangeResource(req.user, op, row.ownerId)) denied(op, entityClass(spec.entity))
  return row
}

/** A spec's representation of one row. */
export const renderRow = <Row>(req: ApiRequest, spec: TableSpec<Row>, id: number): Record<string, unknown> =>
  spec.render(req, [tableRow(req, spec, id)!])[0] as Record<string, unknown>
