import { ApiError } from '../../../core/http/errors.js'
import type { Db } from '../../db/client.js'
import { validationError } from '../../respond.js'
import type { Catalog } from './catalog.js'
import type { ResourceKind, ValueRow } from './resource.data.js'
import { phpBool } from '../../write/payload-fields.js'

/** One value as it will be stored. */
export interface ValueInput {
  propertyId: number
  type: string
  value: string | null
  uri: string | null
  lang: string | null
  valueResourceId: number | null
  isPublic: boolean
}

/** The data types Omeka S 4.2.0 ships; `resource*` restrict the kind of linked resource. */
const RESOURCE_TYPES: Record<string, ResourceKind | null> = {
  resource: null,
  'resource:item': 'items',
  'resource:itemset': 'item_sets',
  'resource:media': 'media',
}
const ENTITY: Record<ResourceKind, string> = { items: 'Item', item_sets: 'ItemSet', media: 'Media' }

const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== ''
const isNumeric = (v: unknown) =>
  (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^\s*\d+\s*$/.test(v))

/** DataType::isValid for the shipped types (an invalid value is ignored, as Omeka does). */
function isValid(type: string, v: Record<string, unknown>): boolean {
  if (type === 'literal') return nonEmptyString(v['@value'])
  if (type === 'uri') return nonEmptyString(v['@id'])
  if (type in RESOURCE_TYPES) return isNumeric(v.value_resource_id)
  return false
}

/** The linked resource of a resource value: Omeka's 404, then the kind check (422 under "value"). */
function linkedResource(db: Db, type: string, id: number): number {
  const row = db.$client
    .prepare<unknown[], { kind: ResourceKind }>('SELECT resource_type AS kind FROM resource WHERE id = ?')
    .get(id)
  if (!row) throw new ApiError(404, `Resource not found with id ${id}.`)
  const wanted = RESOURCE_TYPES[type]
  if (wanted && wanted !== row.kind)
    validationError({ value: [`Invalid value resource Omeka\\Entity\\${ENTITY[row.kind]} for type ${type}`] })
  return id
}

function hydratedValue(
  db: Db,
  type: string,
  v: Record<string, unknown>,
): Pick<ValueInput, 'value' | 'uri' | 'lang' | 'valueResourceId'> {
  const lang = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : null)
  if (type === 'literal')
    return { value: v['@value'] as string, uri: null, lang: lang('@language'), valueResourceId: null }
  if (type === 'uri')
    return {
      value: typeof v['o:label'] === 'string' && v['o:label'] !== '' ? v['o:label'] : null,
      uri: v['@id'] as string,
      lang: lang('o:lang'),
      valueResourceId: null,
    }
  return { value: null, uri: null, lang: null, valueResourceId: linkedResource(db, type, Number(v.value_resource_id)) }
}

const entriesOf = (v: unknown): unknown[] =>
  Array.isArray(v) ? v : v !== null && typeof v === 'object' ? Object.values(v) : []

/**
 * ValueHydrator: every term key's value objects with a property id and a valid data type, in payload
 * order; invalid ones (no property, unknown or missing type, empty text) are ignored. Returns null when
 * no value was passed (a PATCH then keeps the stored values). A value without `is_public` keeps the
 * visibility of the stored value it replaces (Omeka re-uses value rows in order).
 */
export function hydrateValues(
  db: Db,
  catalog: Catalog,
  body: Record<string, unknown>,
  existing: readonly ValueRow[] = [],
): ValueInput[] | null {
  const out: ValueInput[] = []
  let passed = false
  for (const [term, list] of Object.entries(body)) {
    if (list === null || typeof list !== 'object') continue
    for (const raw of entriesOf(list)) {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) continue
      const v = raw as Record<string, unknown>
      if (v.property_id === undefined || v.property_id === null || typeof v.type !== 'string' || !isValid(v.type, v))
        continue
      const propertyId =
        v.property_id === 'auto' ? catalog.propertyIdOf(term) : isNumeric(v.property_id) ? Number(v.property_id) : 0
      passed = true
      if (!catalog.property(propertyId)) continue
      const reused = existing[out.length]
      const isPublic = v.is_public !== undefined ? phpBool(v.is_public) : (reused?.isPublic ?? true)
      out.push({ propertyId, type: v.type, isPublic, ...hydratedValue(db, v.type, v) })
    }
  }
  return passed ? out : null
}

/** Replaces a resource's values (stored order = the given order). */
export function writeValues(db: Db, resourceId: number, values: readonly ValueInput[]): void {
  db.$client.prepare('DELETE FROM value WHERE resource_id = ?').run(resourceId)
  const insert = db.$client.prepare(
    'INSERT INTO value (resource_id, property_id, value_resource_id, type, lang, value, uri, is_public) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  for (const v of values)
    insert.run(resourceId, v.propertyId, v.valueResourceId, v.type, v.lang, v.value, v.uri, v.isPublic ? 1 : 0)
}

/**
 * The resource's title: the first value of the template's title property, else of dcterms:title,
 * trimmed as PHP's trim() does (`"  padded  "` is titled `padded`; a blank title is none).
 */
export function titleOf(values: readonly ValueInput[], titleProperty: number): string | null {
  const first = values.find((v) => v.propertyId === titleProperty)
  const text = first ? (first.value ?? first.uri) : null
  const trimmed = text === null ? null : text.replace(/^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g, '')
  return trimmed === '' ? null : trimmed
}

/** A value naming a property that does not exist, as Omeka would have tried to INSERT it. */
export interface UnknownPropertyValue {
  term: string
  rawPropertyId: unknown
  type: string
  value: string | null
  uri: string | null
  lang: string | null
  isPublic: boolean
}

/** Value objects in payload order, with their term (what ValueHydrator iterates). */
function* valueObjects(body: Record<string, unknown>): Generator<[string, Record<string, unknown>]> {
  for (const [term, list] of Object.entries(body)) {
    if (list === null || typeof list !== 'object') continue
    for (const raw of entriesOf(list))
      if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) yield [term, raw as Record<string, unknown>]
  }
}

/** Whether a value object has a property id but no `type` (Omeka S 4.2.0 ends in a PHP warning: its 500 page). */
export function hasTypelessValue(body: Record<string, unknown>): boolean {
  for (const [, v] of valueObjects(body))
    if (v.property_id !== undefined && v.property_id !== null && !('type' in v)) return true
  return false
}

/**
 * The first valid value whose `property_id` names no property (`9999`, `"abc"`): hydrateValues drops it,
 * but Omeka does not validate it and its INSERT fails on the foreign key when the resource is flushed.
 */
export function firstUnknownProperty(catalog: Catalog, body: Record<string, unknown>): UnknownPropertyValue | null {
  for (const [term, v] of valueObjects(body)) {
    if (
      v.property_id === undefined ||
      v.property_id === null ||
      v.property_id === 'auto' ||
      typeof v.type !== 'string' ||
      !isValid(v.type, v)
    )
      continue
    if (isNumeric(v.property_id) && catalog.property(Number(v.property_id))) continue
    const lang = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : null)
    const uri = v.type === 'uri'
    return {
      term,
      rawPropertyId: v.property_id,
      type: v.type,
      value: uri
        ? typeof v['o:label'] === 'string' && v['o:label'] !== ''
          ? v['o:label']
          : null
        : typeof v['@value'] === 'string'
          ? v['@value']
          : null,
      uri: uri ? (v['@id'] as string) : null,
      lang: lang(uri ? 'o:lang' : '@language'),
      isPublic: v.is_public !== undefined ? phpBool(v.is_public) : true,
    }
  }
  return null
}
