import { transaction } from '../../db/client.js'
import { can } from '../../acl.js'
import { notFound, permissionDenied } from '../../../core/http/errors.js'
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
import { extendedResources } from '../../extensions.js'
import {
  deleteItem,
  findItem,
  insertItem,
  itemsOrder,
  itemsWhere,
  loadItemRelations,
  searchItems,
  updateItem,
  type ItemRow,
} from './items.repo.js'
import { toItemJson } from './items.representation.js'
import { elementRefs } from '../element-texts/element-texts.representation.js'
import { parseItemWrite } from './items.schemas.js'
import { fragmentsOf, PLACEHOLDER_ORIGIN } from '../../../core/http/fragments.js'
import { makeUrls } from '../../../core/http/urls.js'
import { phpJsonEncode } from '../../../core/http/php-json.js'
import { dbStamp } from '../../statements.js'
import { stateKey } from '../../../core/http/state-labels.js'
import { failLikeMysql } from '../element-texts/element-texts.schemas.js'
import { checkItemsBindVariables } from './items.sql-text.js'

function represent(req: ClassicRequest, rows: ItemRow[]) {
  const rel = loadItemRelations(req.deps.db, rows, seesPrivate(req))
  const refs = elementRefs(req.urls)
  return rows.map((row) =>
    toItemJson(
      row,
      rel,
      req.urls,
      req.settings.api_filter_element_texts,
      extendedResources(req, 'items', row.id),
      refs,
    ),
  )
}

/**
 * A page of items, each record encoded once per database state and caller (see http/fragments.ts);
 * pretty-printed answers and reads inside a transaction are made in full.
 */
function representPage(req: ClassicRequest, rows: ItemRow[]): unknown[] {
  const { db, extenders } = req.deps
  if (req.query.has('pretty_print') || db.$client.inTransaction) return represent(req, rows)
  const variant = [
    'items',
    req.user?.id ?? 0,
    seesPrivate(req),
    extenders.length,
    req.settings.api_filter_element_texts,
  ].join('|')
  const atPlaceholder: ClassicRequest = { ...req, urls: makeUrls(PLACEHOLDER_ORIGIN) }
  const at = {
    stamp: stateKey(db.$client, dbStamp(db)),
    variant,
    origin: req.urls.origin,
    encode: (v: unknown) => phpJsonEncode(v),
  }
  return fragmentsOf(db.$client).page(
    at,
    rows,
    (r) => r.id,
    (missing) => represent(atPlaceholder, missing),
  )
}

function reread(req: ClassicRequest, id: number) {
  const row = findItem(req.deps.db, id, true) ?? notFound()
  return represent(req, [row])[0]
}

export const itemsResource: ClassicResource = {
  name: 'items',
  recordType: 'Item',
  actions: ['index', 'get', 'post', 'put', 'delete'],
  indexParams: [
    'collection',
    'item_type',
    'featured',
    'public',
    'added_since',
    'modified_since',
    'owner',
    'tags',
    'excludeTags',
    'hasImage',
    'range',
    'search',
    'advanced',
  ],
  handlers: {
    index(req) {
      const { db } = req.deps
      // Omeka builds and runs the query before it reads the page for the Link header.
      const where = itemsWhere(db, req.query, seesPrivate(req), req.settings.tag_delimiter, bugCompat(req))
      if (bugCompat(req)) checkItemsBindVariables(req.query, req.settings.tag_delimiter)
      const page = pageOf(req)
      const { rows, total } = searchItems(db, where, itemsOrder(db, req.query), page.page, page.perPage)
      return indexResponse(req, 'items', representPage(req, rows), total, page)
    },
    get(req) {
      const item = findItem(req.deps.db, req.id, seesPrivate(req)) ?? notFound()
      return recordResponse(req, represent(req, [item])[0])
    },
    post(req) {
      if (!can(req.user, 'add', 'Items')) permissionDenied()
      const { db } = req.deps
      const { mysqlError, elementTexts, ...fields } = parseItemWrite(db, jsonBody(req), bugCompat(req))
      const write = mysqlError || !elementTexts ? fields : { ...fields, elementTexts }
      const id = transaction(db, () => insertItem(db, { ...write, ownerId: req.user?.id ?? null }))
      if (mysqlError) failLikeMysql(db, 'Item', id, false, elementTexts ?? [], mysqlError)
      return createdResponse(req, 'items', id, reread(req, id))
    },
    put(req) {
      const { db } = req.deps
      const item = findItem(db, req.id, seesPrivate(req)) ?? notFound()
      if (!can(req.user, 'edit', 'Items', { ownerId: item.ownerId })) permissionDenied()
      const { mysqlError, elementTexts, ...fields } = parseItemWrite(db, jsonBody(req), bugCompat(req))
      const write = mysqlError || !elementTexts ? fields : { ...fields, elementTexts }
      transaction(db, () => updateItem(db, item.id, write))
      if (mysqlError) failLikeMysql(db, 'Item', item.id, true, elementTexts ?? [], mysqlError)
      return recordResponse(req, reread(req, item.id))
    },
    delete(req) {
      const { db, files } = req.deps
      const item = findItem(db, req.id, seesPrivate(req)) ?? notFound()
      if (!can(req.user, 'delete', 'Items', { ownerId: item.ownerId })) permissionDenied()
      const stored = transaction(db, () => deleteItem(db, item.id))
      for (const name of stored) files.deleteAll(name)
      return deletedResponse()
    },
  },
}
