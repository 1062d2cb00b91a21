import { can } from '../../acl.js'
import { transaction } from '../../db/client.js'
import { notFound, permissionDenied } from '../../../core/http/errors.js'
import type { ClassicRequest, ClassicResource } from '../../context.js'
import {
  bugCompat,
  createdResponse,
  deletedResponse,
  indexResponse,
  jsonBody,
  pageOf,
  recordResponse,
  seesPrivate,
} from '../../respond.js'
import { extendedResources } from '../../extensions.js'
import { findItem } from '../../api/items/items.repo.js'
import {
  deleteLocation,
  findLocation,
  findLocationOfItem,
  insertLocation,
  locationsOrder,
  searchLocations,
  updateLocation,
  type LocationRow,
} from './geolocations.repo.js'
import { toLocationJson } from './geolocations.representation.js'
import { parseLocationPost, parseLocationPut } from './geolocations.schemas.js'

const represent = (req: ClassicRequest, row: LocationRow) =>
  toLocationJson(row, req.urls, extendedResources(req, 'geolocations', row.id))

// Anonymous writes are refused before anything is looked up (Geolocation allows them: docs/compatibility.md;
// bug-compatible mode allows them too).
const mayWrite = (req: ClassicRequest, privilege: 'add' | 'edit' | 'delete') =>
  (bugCompat(req) && req.user === null) || can(req.user, privilege, 'Geolocations') || permissionDenied()

/** `/api/geolocations` of Geolocation 3.2.3: every action, no index filters. */
export const geolocationsResource: ClassicResource = {
  name: 'geolocations',
  recordType: 'Location',
  actions: ['get', 'index', 'post', 'put', 'delete'],
  handlers: {
    index(req) {
      const page = pageOf(req)
      const { rows, total } = searchLocations(
        req.deps.db,
        seesPrivate(req),
        locationsOrder(req.query),
        page.page,
        page.perPage,
      )
      return indexResponse(
        req,
        'geolocations',
        rows.map((r) => represent(req, r)),
        total,
        page,
      )
    },
    get(req) {
      return recordResponse(req, represent(req, findLocation(req.deps.db, req.id, seesPrivate(req)) ?? notFound()))
    },
    post(req) {
      mayWrite(req, 'add')
      const { db } = req.deps
      const see = seesPrivate(req)
      const fields = parseLocationPost(
        jsonBody(req),
        (id) => findItem(db, id, see) !== undefined,
        // One location per item, visible or not (the table's unique index enforces it too).
        (id) => findLocationOfItem(db, id, true) !== undefined,
        bugCompat(req),
      )
      const id = transaction(db, () => insertLocation(db, fields))
      return createdResponse(req, 'geolocations', id, represent(req, findLocation(db, id, true) ?? notFound()))
    },
    put(req) {
      mayWrite(req, 'edit')
      const { db } = req.deps
      const current = findLocation(db, req.id, seesPrivate(req)) ?? notFound()
      const fields = parseLocationPut(jsonBody(req), current, bugCompat(req))
      transaction(db, () => updateLocation(db, current.id, fields))
      return recordResponse(req, represent(req, findLocation(db, current.id, true) ?? notFound()))
    },
    delete(req) {
      mayWrite(req, 'delete')
      const { db } = req.deps
      const current = findLocation(db, req.id, seesPrivate(req)) ?? notFound()
      transaction(db, () => deleteLocation(db, current.id))
      return deletedResponse()
    },
  },
}
