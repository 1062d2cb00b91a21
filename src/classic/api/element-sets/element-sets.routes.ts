import { transaction } from '../../db/client.js'
import { can } from '../../acl.js'
import { ApiError, notFound, permissionDenied } from '../../../core/http/errors.js'
import type { ClassicResource } from '../../context.js'
import {
  bugCompat,
  createdResponse,
  deletedResponse,
  indexResponse,
  jsonBody,
  pageOf,
  recordResponse,
} from '../../respond.js'
import { saveError } from '../../shared.js'
import {
  deleteElementSet,
  findElementSet,
  findElementSetByName,
  insertElementSet,
  searchElementSets,
} from './element-sets.repo.js'
import { toElementSetJson } from './element-sets.representation.js'

/** The sets every Omeka install depends on; real Omeka lets a super user delete them and breaks. */
export const BUILT_IN_ELEMENT_SETS = ['Dublin Core', 'Item Type Metadata']

export const elementSetsResource: ClassicResource = {
  name: 'element_sets',
  recordType: 'ElementSet',
  actions: ['index', 'get', 'post', 'delete'],
  indexParams: ['name', 'record_type'],
  handlers: {
    index(req) {
      const page = pageOf(req)
      const { rows, total } = searchElementSets(req.deps.db, req.query, page.page, page.perPage, bugCompat(req))
      return indexResponse(
        req,
        'element_sets',
        rows.map((s) => toElementSetJson(s, req.urls)),
        total,
        page,
      )
    },
    get(req) {
      const set = findElementSet(req.deps.db, req.id) ?? notFound()
      return recordResponse(req, toElementSetJson(set, req.urls))
    },
    post(req) {
      if (!can(req.user, 'add', 'ElementSets')) permissionDenied()
      const body = jsonBody(req)
      const { db } = req.deps
      if (body.name === undefined || body.name === null) {
        // Omeka: ElementSet::_validate's fieldIsUnique() throws on a NULL name.
        if (bugCompat(req)) throw new ApiError(500, 'Cannot check uniqueness of NULL value.')
      }
      if (typeof body.name !== 'string' || body.name.trim() === '')
        saveError({ Name: 'Name of element set must not be empty.' })
      const name = String(body.name).trim()
      if (bugCompat(req) && [...name].length > 255)
        throw new ApiError(500, "Mysqli statement execute error : Data too long for column 'name' at row 1")
      if (findElementSetByName(db, name)) saveError({ Name: 'Name of element set must be unique.' })
      const description = typeof body.description === 'string' ? body.description : null
      const id = transaction(db, () => insertElementSet(db, { name, description, recordType: null }))
      return createdResponse(req, 'element_sets', id, toElementSetJson(findElementSet(db, id)!, req.urls))
    },
    delete(req) {
      const { db } = req.deps
      const set = findElementSet(db, req.id) ?? notFound()
      if (!can(req.user, 'delete', 'ElementSets')) permissionDenied()
      if (BUILT_IN_ELEMENT_SETS.includes(set.name) && !bugCompat(req))
        throw new ApiError(400, `The "${set.name}" element set is required by Omeka and cannot be deleted.`)
      transaction(db, () => deleteElementSet(db, set.id))
      return deletedResponse()
    },
  },
}
