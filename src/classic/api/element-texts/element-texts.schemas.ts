import { ApiError } from '../../../core/http/errors.js'
import type { Db } from '../../db/client.js'
import { transaction } from '../../db/client.js'
import {
  existingElementIds,
  replaceElementTexts,
  replaceElementTextsUntil,
  type ElementTextInput,
  type RecordType,
} from './element-texts.repo.js'

/**
 * Reads `element_texts` from a write body the way Omeka's API adapters do: entries without a
 * `text`, with an empty one ("") or with an unknown element id are dropped silently; `html` is PHP-truthy.
 */
export function parseElementTexts(db: Db, raw: unknown): ElementTextInput[] | undefined {
  // Omeka_Record_Api_AbstractRecordAdapter::setElementTextData: anything but a JSON array (`{}` included)
  // leaves the record's texts alone.
  if (!Array.isArray(raw)) return undefined
  const candidates: ElementTextInput[] = []
  for (const entry of raw) {
    if (!entry || typeof entry !== 'object') continue
    const e = entry as Record<string, unknown>
    const element = e.element as Record<string, unknown> | undefined
    const elementId = Number(element && typeof element === 'object' ? element.id : NaN)
    if (!Number.isInteger(elementId) || elementId <= 0) continue
    if (e.text === undefined || e.text === null || typeof e.text === 'object') continue
    // An empty text is not saved (Omeka keeps "0", as recorded).
    if (e.text === '' || e.text === false) continue
    candidates.push({ elementId, text: e.text === true ? '1' : String(e.text), html: phpTruthy(e.html) })
  }
  const known = existingElementIds(
    db,
    candidates.map((c) => c.elementId),
  )
  return candidates.filter((c) => known.has(c.elementId))
}

/** PHP's (bool) cast: false, 0, "", "0", null and [] are false. */
export function phpTruthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '' || v === '0') return false
  if (Array.isArray(v)) return v.length > 0
  return true
}

/** Where Omeka's text inserts fail: after `saved` texts, on `elementId`'s text, with MariaDB's `message`. */
export interface MysqlTextError {
  saved: number
  elementId: number | null
  message: string
}

/**
 * Bug-compatible mode: the MariaDB error Omeka's insert of these texts hits, if any. Omeka does not check a
 * text's `html` or element id before its INSERT, so a missing/null `html` or a non-numeric element id fails
 * there, after the record itself and the texts before it were saved: `saved` texts land, then the 500
 * (on an update the record's old texts stay: the failing insert comes before they are replaced).
 */
export function mysqlElementTextError(raw: unknown): MysqlTextError | undefined {
  if (!Array.isArray(raw)) return undefined
  let saved = 0
  for (const entry of raw) {
    if (!entry || typeof entry !== 'object') continue
    const e = entry as Record<string, unknown>
    if (e.text === undefined || e.text === null || e.text === '' || e.text === false) continue
    const element = e.element as Record<string, unknown> | undefined
    const id = element && typeof element === 'object' ? element.id : undefined
    if (typeof id === 'string' && !/^\s*-?\d/.test(id)) {
      return {
        saved,
        elementId: null,
        message: `Incorrect integer value: '${id}' for column \`omeka\`.\`omeka_element_texts\`.\`element_id\` at row 1`,
      }
    }
    if (e.html === undefined || e.html === null)
      return {
        saved,
        elementId: Number.isInteger(Number(id)) ? Number(id) : null,
        message: "Column 'html' cannot be null",
      }
    saved++
  }
  return undefined
}

/**
 * Bug-compatible mode, after the record's own fields were saved: writes what Omeka's cut-short inserts wrote
 * (a new record gets the texts before the failure; an update see replaceElementTextsUntil), then raises the
 * leaked database error.
 */
export function failLikeMysql(
  db: Db,
  recordType: RecordType,
  recordId: number,
  update: boolean,
  texts: readonly ElementTextInput[],
  failure: MysqlTextError,
): never {
  const saved = texts.slice(0, failure.saved)
  transaction(db, () =>
    update
      ? replaceElementTextsUntil(db, recordType, recordId, saved)
      : replaceElementTexts(db, recordType, recordId, saved),
  )
  throw new ApiError(500, `Mysqli statement execute error : ${failure.message}`)
}
