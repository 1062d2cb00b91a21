import { transaction } from '../../db/client.js'
import { can } from '../../acl.js'
import { ApiError, notFound, permissionDenied } from '../../../core/http/errors.js'
import type { ClassicRequest, ClassicResource } from '../../context.js'
import {
  createdResponse,
  deletedResponse,
  indexResponse,
  jsonBody,
  pageOf,
  recordResponse,
  seesPrivate,
  bugCompat,
} from '../../respond.js'
import { saveError } from '../../shared.js'
import {
  deleteItemType,
  findItemType,
  findItemTypeByName,
  insertItemType,
  loadItemTypeRelations,
  searchItemTypes,
  setItemTypeElements,
  updateItemType,
  type ItemTypeRow,
} from './item-types.repo.js'
import { toItemTypeJson } from './item-types.representation.js'

function represent(req: ClassicRequest, rows: ItemTypeRow[]) {
  const rel = loadItemTypeRelations(
    req.deps.db,
    rows.map((r) => r.id),
    seesPrivate(req),
  )
  return rows.map((r) => toItemTypeJson(r, rel, req.urls))
}

/** Element ids of a body's `elements: [{id}]`, in order. */
function elementIdsOf(raw: unknown): number[] | undefined {
  if (!Array.isArray(raw)) return undefined
  return raw
    .map((e) => Number(e && typeof e === 'object' ? (e as Record<string, unknown>).id : NaN))
    .filter((n) => Number.isInteger(n) && n > 0)
}

/** ItemType::_validate: a name of 1 to 255 characters (kept trimmed here). */
function checkedName(raw: string): string {
  const name = raw.trim()
  if (name === '' || [...name].length > 255)
    saveError({ name: 'The item type name must have between 1 and 255 characters.' })
  return name
}

export const itemTypesResource: ClassicResource = {
  name: 'item_types',
  recordType: 'ItemType',
  actions: ['index', 'get', 'post', 'put', 'delete'],
  indexParams: ['name'],
  handlers: {
    index(req) {
      const page = pageOf(req)
      const { rows, total } = searchItemTypes(req.deps.db, req.query, page.page, page.perPage)
      return indexResponse(req, 'item_types', represent(req, rows), total, page)
    },
    get(req) {
      return recordResponse(req, represent(req, [findItemType(req.deps.db, req.id) ?? notFound()])[0])
    },
    post(req) {
      if (!can(req.user, 'add', 'ItemTypes')) permissionDenied()
      const body = jsonBody(req)
      const { db } = req.deps
      if (typeof body.name !== 'string') {
        // Omeka: ItemType::_validate's fieldIsUnique() throws on a NULL name.
        if (bugCompat(req)) throw new ApiError(500, 'Cannot check uniqueness of NULL value.')
        saveError({ name: 'The item type name must not be empty.' })
      }
      const name = checkedName(body.name)
      if (findItemTypeByName(db, name)) saveError({ name: 'The item type name must be unique.' })
      const description = typeof body.description === 'string' ? body.description : ''
      const id = transaction(db, () => {
        const newId = insertItemType(db, { name, description })
        setItemTypeElements(db, newId, elementIdsOf(body.elements) ?? [])
        return newId
      })
      return createdResponse(req, 'item_types', id, represent(req, [findItemType(db, id)!])[0])
    },
    put(req) {
      const { db } = req.deps
      const type = findItemType(db, req.id) ?? notFound()
      if (!can(req.user, 'edit', 'ItemTypes')) permissionDenied()
      const body = jsonBody(req)
      // Api_ItemType::setPutData replaces the element list before the record is validated, so a PUT
      // refused for its name still leaves the new list (as recorded from Omeka 3.2.1).
      const elementIds = elementIdsOf(body.elements)
      if (elementIds) transaction(db, () => setItemTypeElements(db, type.id, elementIds))
      const patch: { name?: string; description?: string | null } = {}
      if (typeof body.name === 'string' && checkedName(body.name) !== type.name) {
        const other = findItemTypeByName(db, body.name.trim())
        if (other && other.id !== type.id) saveError({ name: 'The item type name must be unique.' })
        patch.name = body.name.trim()
      }
      if (typeof body.description === 'string') patch.description = body.description
      transaction(db, () => updateItemType(db, type.id, patch))
      return recordResponse(req, represent(req, [findItemType(db, type.id)!])[0])
    },
    delete(req) {
      const { db } = req.deps
      const type = findItemType(db, req.id) ?? notFound()
      if (!can(req.user, 'delete', 'ItemTypes')) permissionDenied()
      transaction(db, () => deleteItemType(db, type.id))
      return deletedResponse()
    },
  },
}
