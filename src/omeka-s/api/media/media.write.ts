import type { Db } from '../../db/client.js'
import type { ApiRequest } from '../../context.js'
import type { Catalog } from '../resources/catalog.js'
import {
  checkTemplate,
  resourceFields,
  resourceValues,
  saveResourceRow,
  type ResourceFields,
} from '../resources/resource.fields.js'
import type { ResourceRow } from '../resources/resource.data.js'
import { writeValues } from '../resources/values.hydrate.js'
import { serverError, validationError } from '../../respond.js'
import { strOrNull } from '../../write/payload-fields.js'
import { discardIngested, ingest, IngestError, IngestFailure, type IngestedMedia } from './media.ingest.js'

/** A media to create: its payload and what its ingester stored. */
export interface NewMedia {
  payload: Record<string, unknown>
  ingested: IngestedMedia
}

/**
 * Runs the ingesters of several media payloads before any database write; on the first failure the
 * files already stored are removed and the error store is passed to `fail`.
 */
export async function ingestAll(
  req: ApiRequest,
  payloads: readonly Record<string, unknown>[],
  fail: (errors: Record<string, string[]>) => never,
): Promise<NewMedia[]> {
  const done: NewMedia[] = []
  for (const payload of payloads) {
    try {
      done.push({ payload, ingested: await ingest(req, payload) })
    } catch (err) {
      discardIngested(
        req,
        done.map((d) => d.ingested),
      )
      if (err instanceof IngestError) fail(err.errors)
      if (err instanceof IngestFailure) serverError(err.message)
      throw err
    }
  }
  return done
}

/** Inserts one media (resource row, media row, values) on an item; the owner is the item's owner. */
export function insertMedia(
  req: ApiRequest,
  catalog: Catalog,
  id: number,
  itemId: number,
  itemOwner: number | null,
  m: NewMedia,
  position: number,
  now: string,
): void {
  const { db } = req.deps
  const { 'o:owner': _ignored, ...payload } = m.payload
  const fields: ResourceFields = { ...resourceFields(req, 'media', null, false, payload), ownerId: itemOwner }
  const values = resourceValues(req, catalog, null, false, m.payload)
  checkTemplate(db, fields.templateId, values)
  saveResourceRow(db, catalog, 'media', id, fields, values, now, true)
  const i = m.ingested
  db.$client
    .prepare(
      `INSERT INTO media (id, item_id, ingester, renderer, data, source, media_type, storage_id, extension, sha256, size, has_original, has_thumbnails, position, lang, alt_text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      itemId,
      i.ingester,
      i.renderer,
      i.data === null ? null : JSON.stringify(i.data),
      i.source,
      i.mediaType,
      i.storageId,
      i.extension,
      i.sha256,
      i.size,
      i.hasOriginal ? 1 : 0,
      i.hasThumbnails ? 1 : 0,
      position,
      strOrNull(m.payload['o:lang']),
      strOrNull(m.payload['o:alt_text']),
    )
  writeValues(db, id, values)
}

/** The next media position on an item. */
export const nextPosition = (db: Db, itemId: number): number =>
  db.$client
    .prepare<
      unknown[],
      {
        p: number
      }
    >('SELECT COALESCE(MAX(position), 0) + 1 AS p FROM media WHERE item_id = ?')
    .get(itemId)!.p

/** The media-only fields of an update (MediaAdapter::hydrate): language and alt text. */
export function updateMediaRow(req: ApiRequest, row: ResourceRow, partial: boolean): void {
  const set = (col: string, key: string) => {
    if (!partial || key in req.body)
      req.deps.db.$client.prepare(`UPDATE media SET ${col} = ? WHERE id = ?`).run(strOrNull(req.body[key]), row.id)
  }
  set('lang', 'o:lang')
  set('alt_text', 'o:alt_text')
}

/** 422 for a media without an item (MediaAdapter::validateRequest). */
export const mediaNeedsItem = (): never => validationError({ 'o:item': ['Media must belong to an item.'] })
