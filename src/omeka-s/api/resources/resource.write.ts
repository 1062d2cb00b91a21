import { nextId, transaction } from '../../db/client.js'
import { canChangeResource, denied } from '../../acl.js'
import { entityClass, type ApiRequest } from '../../context.js'
import { Catalog } from './catalog.js'
import { loadResources, type ResourceKind, type ResourceRow } from './resource.data.js'
import { represent } from './resource.representation.js'
import { findResource, scopeOf } from './resource.routes.js'
import {
  checkTemplate,
  ENTITY_NAME,
  resourceFields,
  resourceValues,
  saveResourceRow,
  SYSTEM_USER,
} from './resource.fields.js'
import { firstUnknownProperty, hasTypelessValue, writeValues, type UnknownPropertyValue } from './values.hydrate.js'
import { saveItemRelations, itemMediaPayloads, deleteResourceRows, validateItemRequest } from './item.write.js'
import { discardIngested } from '../media/media.ingest.js'
import { ingestAll, updateMediaRow, type NewMedia } from '../media/media.write.js'
import { phpErrorPage, serverError, validationError } from '../../respond.js'
import { phpJsonEncode } from '../../../core/http/php-json.js'
import { checkReferences } from './references.js'
import { asDeleted, nowTimestamp, phpBool, shouldHydrate } from '../../write/payload-fields.js'

/** The representation of a row just written (read as the caller sees it). */
export function renderWritten(req: ApiRequest, id: number): Record<string, unknown> {
  const row = loadResources(req.deps.db, [id], SYSTEM_USER)[0]!
  return represent(scopeOf(req), [row])[0]!
}

/** Ingests the new media of an item payload (422 under `o:media` on failure). */
async function newItemMedia(req: ApiRequest, payloads: Record<string, unknown>[]): Promise<NewMedia[]> {
  return ingestAll(req, payloads, (errors) => validationError({ 'o:media': [errors] }))
}

/** Runs a write transaction; files stored for new media are removed when it fails. */
export function commit<T>(req: ApiRequest, media: readonly NewMedia[], fn: () => T): T {
  try {
    return transaction(req.deps.db, fn)
  } catch (err) {
    discardIngested(
      req,
      media.map((m) => m.ingested),
    )
    throw err
  }
}

/** A value naming no property, found once the write has passed every other check. */
class UnknownProperty extends Error {
  constructor(readonly bad: UnknownPropertyValue) {
    super('unknown property')
  }
}

/**
 * Refuses a write whose value names no property. Omeka S 4.2.0 finds out at flush, when the resource row
 * is already INSERTed: the answer is a JSON 500 with the SQL error (`--bug-compat`; omeka-twin's own
 * answer is a 422 naming the property), and a create has used up the id MariaDB gave that row.
 */
function refuseUnknownProperty(req: ApiRequest, bad: UnknownPropertyValue, resourceId: number): never {
  if (!req.deps.config.bugCompat)
    validationError({
      [bad.term]: [
        `The property ${typeof bad.rawPropertyId === 'string' ? `"${bad.rawPropertyId}"` : String(bad.rawPropertyId)} does not exist.`,
      ],
    })
  const params = [
    bad.type,
    bad.lang,
    bad.value,
    bad.uri,
    bad.isPublic ? 1 : 0,
    resourceId,
    bad.rawPropertyId,
    null,
    null,
  ]
    .map((p) => phpJsonEncode(p))
    .join(', ')
  serverError(
    "An exception occurred while executing 'INSERT INTO `value` (type, lang, `value`, uri, is_public, resource_id, property_id, value_resource_id, value_annotation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'" +
      ` with params [${params}]:\n\nSQLSTATE[23000]: Integrity constraint violation: 1452 Cannot add or update a child row: a foreign key constraint fails` +
      ' (`omeka_s`.`value`, CONSTRAINT `FK_1D775834549213EC` FOREIGN KEY (`property_id`) REFERENCES `property` (`id`) ON DELETE CASCADE)',
  )
}

/** POST /api/items and /api/item_sets. */
export async function createResource(req: ApiRequest, kind: 'items' | 'item_sets'): Promise<Record<string, unknown>> {
  checkItemRequest(req, kind)
  const media =
    kind === 'items'
      ? await newItemMedia(
          req,
          itemMediaPayloads(req.body).filter((p) => !('o:id' in p)),
        )
      : []
  let id: number
  try {
    id = createRows(req, kind, media)
  } catch (err) {
    // Outside the rolled-back transaction: the id stays used, as MariaDB's auto-increment does.
    if (err instanceof UnknownProperty) refuseUnknownProperty(req, err.bad, nextId(req.deps.db, 'resources'))
    throw err
  }
  return renderWritten(req, id)
}

function createRows(req: ApiRequest, kind: 'items' | 'item_sets', media: NewMedia[]): number {
  return commit(req, media, () => {
    const { db } = req.deps
    const catalog = new Catalog(db)
    const fields = resourceFields(req, kind, null, false)
    const values = resourceValues(req, catalog, null, false)
    checkTemplate(db, fields.templateId, values)
    const bad = firstUnknownProperty(catalog, req.body)
    if (bad) throw new UnknownProperty(bad)
    const id = nextId(db, 'resources')
    const now = nowTimestamp()
    saveResourceRow(db, catalog, kind, id, fields, values, now, true)
    writeValues(db, id, values)
    if (kind === 'item_sets')
      db.$client
        .prepare('INSERT INTO item_set (id, is_open) VALUES (?, ?)')
        .run(id, phpBool(req.body['o:is_open']) ? 1 : 0)
    else saveItemRelations(req, catalog, id, fields.ownerId, null, false, media, now)()
    return id
  })
}

/** The item request's own checks (422), after authorisation and before any hydration. */
function checkItemRequest(req: ApiRequest, kind: ResourceKind, partial = false, row: ResourceRow | null = null): void {
  const errors = kind === 'items' ? validateItemRequest(req.body) : null
  if (errors) validationError(errors)
  // Values are hydrated first: a value without `type` is a PHP warning there, Omeka's 500 page.
  if (req.deps.config.bugCompat && hasTypelessValue(req.body)) phpErrorPage()
  checkReferences(req, kind, partial, row?.id ?? null)
}

/** The stored row for an update or delete: 404 when the caller cannot see it, 403 without the right. */
function writableRow(req: ApiRequest, kind: ResourceKind, op: 'update' | 'delete'): ResourceRow {
  const row = findResource(req, kind)
  if (!canChangeResource(req.user, op, row.ownerId)) denied(op, entityClass(ENTITY_NAME[kind]))
  return row
}

/** PUT (partial = false) and PATCH of items, item sets and media. */
export async function updateResource(
  req: ApiRequest,
  kind: ResourceKind,
  partial: boolean,
): Promise<Record<string, unknown>> {
  const row = writableRow(req, kind, 'update')
  checkItemRequest(req, kind, partial, row)
  const media =
    kind === 'items' && shouldHydrate(req, partial, 'o:media')
      ? await newItemMedia(
          req,
          itemMediaPayloads(req.body).filter((p) => !('o:id' in p)),
        )
      : []
  return commit(req, media, () => {
    const { db } = req.deps
    const catalog = new Catalog(db)
    const fields = resourceFields(req, kind, row, partial)
    const values = resourceValues(req, catalog, row, partial)
    checkTemplate(db, fields.templateId, values)
    const bad = firstUnknownProperty(catalog, req.body)
    if (bad) refuseUnknownProperty(req, bad, row.id)
    const now = nowTimestamp()
    saveResourceRow(db, catalog, kind, row.id, fields, values, now, false)
    writeValues(db, row.id, values)
    if (kind === 'item_sets' && shouldHydrate(req, partial, 'o:is_open'))
      db.$client
        .prepare('UPDATE item_set SET is_open = ? WHERE id = ?')
        .run(phpBool(req.body['o:is_open']) ? 1 : 0, row.id)
    const reorder =
      kind === 'items' ? saveItemRelations(req, catalog, row.id, fields.ownerId, row, partial, media, now) : () => {}
    if (kind === 'media') updateMediaRow(req, row, partial)
    const rep = renderWritten(req, row.id)
    reorder()
    return rep
  })
}

const NULL_REF = (req: ApiRequest, resource: string) => ({ '@id': req.urls.api(resource), 'o:id': null })

/** DELETE: the representation as it was, with the ids Doctrine cleared; an item takes its media along. */
export function deleteResource(req: ApiRequest, kind: ResourceKind): Record<string, unknown> {
  const row = writableRow(req, kind, 'delete')
  const rep = asDeleted(represent(scopeOf(req), [row])[0]!, req.urls.api(kind))
  if (kind === 'items') {
    if (rep['o:primary_media']) rep['o:primary_media'] = NULL_REF(req, 'media')
    rep['o:media'] = (rep['o:media'] as unknown[]).map(() => NULL_REF(req, 'media'))
    rep['o:item_set'] = []
    rep['o:site'] = []
  }
  deleteResourceRows(req, row)
  // Omeka S 4.2.0 deletes an item set, then fails building the answer (omeka/omeka-s#2234's family).
  if (kind === 'item_sets' && req.deps.config.bugCompat) phpErrorPage()
  return rep
}
