import { transaction } from '../../db/client.js'
import { can } from '../../acl.js'
import { notFound, permissionDenied } from '../../../core/http/errors.js'
import {
  failLikeMysql,
  mysqlElementTextError,
  parseElementTexts,
  type MysqlTextError,
} from '../element-texts/element-texts.schemas.js'
import type { ClassicRequest, ClassicResource } from '../../context.js'
import { extendedResources } from '../../extensions.js'
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
import { mysqlBool } from '../../shared.js'
import {
  collectionsOrder,
  collectionsWhere,
  deleteCollection,
  findCollection,
  insertCollection,
  loadCollectionRelations,
  searchCollections,
  updateCollection,
  type CollectionRow,
  type CollectionWrite,
} from './collections.repo.js'
import { toCollectionJson } from './collections.representation.js'
import { elementRefs } from '../element-texts/element-texts.representation.js'

function represent(req: ClassicRequest, rows: CollectionRow[]) {
  const rel = loadCollectionRelations(req.deps.db, rows, seesPrivate(req))
  const refs = elementRefs(req.urls)
  return rows.map((r) =>
    toCollectionJson(
      r,
      rel,
      req.urls,
      req.settings.api_filter_element_texts,
      extendedResources(req, 'collections', r.id),
      refs,
    ),
  )
}

function parseWrite(req: ClassicRequest): CollectionWrite & { mysqlError?: MysqlTextError } {
  const body = jsonBody(req)
  const w: CollectionWrite = {}
  if (body.public !== undefined && body.public !== null) w.public = mysqlBool(body.public)
  if (body.featured !== undefined && body.featured !== null) w.featured = mysqlBool(body.featured)
  const texts = parseElementTexts(req.deps.db, body.element_texts)
  if (texts) w.elementTexts = texts
  const failure = bugCompat(req) ? mysqlElementTextError(body.element_texts) : undefined
  if (failure) return { ...w, mysqlError: failure }
  return w
}

export const collectionsResource: ClassicResource = {
  name: 'collections',
  recordType: 'Collection',
  actions: ['index', 'get', 'post', 'put', 'delete'],
  indexParams: ['public', 'featured', 'added_since', 'modified_since', 'owner'],
  handlers: {
    index(req) {
      const { db } = req.deps
      const page = pageOf(req)
      const { rows, total } = searchCollections(
        db,
        collectionsWhere(req.query, seesPrivate(req), bugCompat(req)),
        collectionsOrder(db, req.query),
        page.page,
        page.perPage,
      )
      return indexResponse(req, 'collections', represent(req, rows), total, page)
    },
    get(req) {
      const col = findCollection(req.deps.db, req.id, seesPrivate(req)) ?? notFound()
      return recordResponse(req, represent(req, [col])[0])
    },
    post(req) {
      if (!can(req.user, 'add', 'Collections')) permissionDenied()
      const { db } = req.deps
      const { mysqlError, elementTexts, ...fields } = parseWrite(req)
      const write = mysqlError || !elementTexts ? fields : { ...fields, elementTexts }
      const id = transaction(db, () => insertCollection(db, { ...write, ownerId: req.user?.id ?? null }))
      if (mysqlError) failLikeMysql(db, 'Collection', id, false, elementTexts ?? [], mysqlError)
      return createdResponse(req, 'collections', id, represent(req, [findCollection(db, id, true)!])[0])
    },
    put(req) {
      const { db } = req.deps
      const col = findCollection(db, req.id, seesPrivate(req)) ?? notFound()
      if (!can(req.user, 'edit', 'Collections', { ownerId: col.ownerId })) permissionDenied()
      const { mysqlError, elementTexts, ...fields } = parseWrite(req)
      const write = mysqlError || !elementTexts ? fields : { ...fields, elementTexts }
      transaction(db, () => updateCollection(db, col.id, write))
      if (mysqlError) failLikeMysql(db, 'Collection', col.id, true, elementTexts ?? [], mysqlError)
      return recordResponse(req, represent(req, [findCollection(db, col.id, true)!])[0])
    },
    delete(req) {
      const { db } = req.deps
      const col = findCollection(db, req.id, seesPrivate(req)) ?? notFound()
      if (!can(req.user, 'delete', 'Collections', { ownerId: col.ownerId })) permissionDenied()
      transaction(db, () => deleteCollection(db, col.id))
      return deletedResponse()
    },
  },
}
