import { transaction } from '../../db/client.js'
import { can } from '../../acl.js'
import { ApiError, notFound, permissionDenied } from '../../../core/http/errors.js'
import type { ClassicResource } from '../../context.js'
import { BUILT_IN_ELEMENT_SETS } from '../element-sets/element-sets.routes.js'
import { deleteElementRecord, findElementSet } from '../element-sets/element-sets.repo.js'
import {
  bugCompat,
  createdResponse,
  deletedResponse,
  indexResponse,
  jsonBody,
  pageOf,
  recordResponse,
} from '../../respond.js'
import { bodyRefId, saveError } from '../../shared.js'
import { findElement, insertElement, searchElements, updateElement } from './elements.repo.js'
import { toElementJson } from './elements.representation.js'

const optionalOrder = (v: unknown): number | null => {
  if (v === undefined || v === null || v === '') return null
  const n = Number(v)
  return Number.isFinite(n) ? Math.trunc(n) : null
}

const textOr = (v: unknown, fallback: string | null): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback

export const elementsResource: ClassicResource = {
  name: 'elements',
  recordType: 'Element',
  actions: ['index', 'get', 'post', 'put', 'delete'],
  indexParams: ['element_set', 'name', 'item_type'],
  handlers: {
    index(req) {
      const page = pageOf(req)
      const { rows, total } = searchElements(req.deps.db, req.query, page.page, page.perPage)
      return indexResponse(
        req,
        'elements',
        rows.map((e) => toElementJson(e, req.urls)),
        total,
        page,
      )
    },
    get(req) {
      return recordResponse(req, toElementJson(findElement(req.deps.db, req.id) ?? notFound(), req.urls))
    },
    post(req) {
      if (!can(req.user, 'add', 'ElementSets')) permissionDenied()
      const body = jsonBody(req)
      const { db } = req.deps
      const setId = bodyRefId(body.element_set)
      if (!setId || !findElementSet(db, setId)) saveError({ element_set_id: 'Invalid element set.' })
      const name = textOr(body.name, '')!.trim()
      if (name === '') saveError({ name: 'The element name must not be empty.' })
      if (
        db.$client
          .prepare('SELECT 1 FROM elements WHERE element_set_id = ? AND name = ? COLLATE NOCASE')
          .get(setId, name)
      )
        saveError({ name: 'An element with that name already exists in this element set.' })
      const order = optionalOrder(body.order)
      if (
        order !== null &&
        db.$client.prepare('SELECT 1 FROM elements WHERE element_set_id = ? AND "order" = ?').get(setId, order)
      )
        saveError({ order: 'An element with that order already exists in this element set.' })
      const id = transaction(db, () =>
        insertElement(db, {
          elementSetId: setId!,
          order,
          name,
          description: textOr(body.description, ''),
          comment: textOr(body.comment, ''),
        }),
      )
      return createdResponse(req, 'elements', id, toElementJson(findElement(db, id)!, req.urls))
    },
    put(req) {
      const { db } = req.deps
      const el = findElement(db, req.id) ?? notFound()
      if (!can(req.user, 'edit', 'ElementSets')) permissionDenied()
      const body = jsonBody(req)
      // Omeka's Api_Element::setPutData changes only the order and the comment.
      const patch: { order?: number | null; comment?: string | null } = {}
      if ('order' in body) patch.order = optionalOrder(body.order)
      if ('comment' in body) patch.comment = textOr(body.comment, '')
      transaction(db, () => updateElement(db, el.id, patch))
      return recordResponse(req, toElementJson(findElement(db, el.id)!, req.urls))
    },
    delete(req) {
      const { db } = req.deps
      const el = findElement(db, req.id) ?? notFound()
      if (!can(req.user, 'delete', 'ElementSets')) permissionDenied()
      const set = findElementSet(db, el.elementSetId)
      if (set && set.name === BUILT_IN_ELEMENT_SETS[0] && !bugCompat(req))
        throw new ApiError(400, `The "${el.name}" element belongs to the Dublin Core set and cannot be deleted.`)
      transaction(db, () => deleteElementRecord(db, el.id))
      return deletedResponse()
    },
  },
}
