import type { Db } from '../../db/client.js'
import {
  mysqlElementTextError,
  parseElementTexts,
  type MysqlTextError,
} from '../element-texts/element-texts.schemas.js'
import { bodyRefId, mysqlBool, saveError } from '../../shared.js'
import type { ItemWrite } from './items.repo.js'
import { ApiError } from '../../../core/http/errors.js'

/**
 * Tag names from a write body's `tags: [{name}]` (Omeka ignores entries without a name). A blank name fails
 * Tag's validation while the tags are applied, before the item is saved: 500 "Name: Tags must be given a
 * name." and nothing changes.
 */
export function parseTagNames(raw: unknown): string[] | undefined {
  if (raw === undefined) return undefined
  if (!Array.isArray(raw)) return undefined
  const names = raw
    .map((t) => (t && typeof t === 'object' ? (t as Record<string, unknown>).name : undefined))
    .filter((n): n is string | number => typeof n === 'string' || typeof n === 'number')
    .map(String)
  if (names.some((n) => n.trim() === '')) throw new ApiError(500, 'Name: Tags must be given a name.')
  return names
}

/**
 * An item write from a POST/PUT body, validated the way Omeka's Item record validates:
 * unknown item type or collection → "Error when saving record." with field errors.
 */
export function parseItemWrite(
  db: Db,
  body: Record<string, unknown>,
  bugCompat = false,
): ItemWrite & { mysqlError?: MysqlTextError } {
  const w: ItemWrite = {}
  const errors: Record<string, string> = {}
  const itemTypeId = bodyRefId(body.item_type)
  if (itemTypeId !== undefined) {
    if (itemTypeId !== null && !db.$client.prepare('SELECT 1 FROM item_types WHERE id = ?').get(itemTypeId))
      errors.item_type_id = 'Invalid item type.'
    w.itemTypeId = itemTypeId
  }
  const collectionId = bodyRefId(body.collection)
  if (collectionId !== undefined) {
    if (collectionId !== null && !db.$client.prepare('SELECT 1 FROM collections WHERE id = ?').get(collectionId))
      errors.collection_id = 'Invalid collection.'
    w.collectionId = collectionId
  }
  if (Object.keys(errors).length) saveError(errors)
  const tags = parseTagNames(body.tags)
  if (tags) w.tags = tags
  if (body.public !== undefined && body.public !== null) w.public = mysqlBool(body.public)
  if (body.featured !== undefined && body.featured !== null) w.featured = mysqlBool(body.featured)
  const texts = parseElementTexts(db, body.element_texts)
  if (texts) w.elementTexts = texts
  const failure = bugCompat ? mysqlElementTextError(body.element_texts) : undefined
  if (failure) return { ...w, mysqlError: failure }
  return w
}
