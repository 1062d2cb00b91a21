import { ApiError } from '../../../core/http/errors.js'
import * as z from 'zod'
import { bodyRefId, saveError } from '../../shared.js'
import type { LocationFields, LocationRow } from './geolocations.repo.js'

// A number as MySQL would take it into a DOUBLE column: a JSON number or a numeric string.
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const number = z.union([z.number(), z.string().trim().regex(NUMERIC).transform(Number)]).refine(Number.isFinite)
// An INT column rounds; the zoom level must be a whole number after that.
const integer = number.transform(Math.round)
const text = z
  .union([z.string(), z.number().transform(String)])
  .nullish()
  .transform((v) => v ?? '')

const MESSAGES = {
  item_id: 'Location requires a valid item ID.',
  latitude: 'Location requires a latitude.',
  longitude: 'Location requires a longitude.',
  zoom_level: 'Location requires a zoom level.',
} as const

type Numbers = Pick<LocationFields, 'latitude' | 'longitude' | 'zoomLevel'>

/**
 * Latitude, longitude and zoom level of a write, validated as Location::_validate does, except that
 * 0 is a valid coordinate and zoom (Geolocation's empty() refuses it: see docs/compatibility.md).
 * Absent keys keep `current` (PUT); on POST they are missing and therefore errors.
 */
function parseNumbers(
  body: Record<string, unknown>,
  current: Numbers | null,
  errors: Record<string, string>,
  bugCompat: boolean,
): Numbers {
  const pick = (
    key: 'latitude' | 'longitude' | 'zoom_level',
    schema: z.ZodType<number>,
    keep: number | undefined,
  ): number => {
    if (!(key in body) && keep !== undefined) return keep
    const res = schema.safeParse(body[key])
    // Bug-compatible: Location::_validate's empty() refuses 0 as missing.
    if (res.success && !(bugCompat && res.data === 0)) return res.data
    errors[key] = MESSAGES[key]
    return 0
  }
  return {
    latitude: pick('latitude', number, current?.latitude),
    longitude: pick('longitude', number, current?.longitude),
    zoomLevel: pick('zoom_level', integer, current?.zoomLevel),
  }
}

/** map_type and address: strings, reset to "" when absent (Location::setPostData). */
function parseTexts(body: Record<string, unknown>): Pick<LocationFields, 'mapType' | 'address'> {
  const mapType = text.safeParse(body.map_type)
  const address = text.safeParse(body.address)
  return { mapType: mapType.success ? mapType.data : '', address: address.success ? address.data : '' }
}

/**
 * A POST body → the new location's fields, or Omeka's 400 "Error when saving record." with the field
 * errors in Location::_validate's order. `itemVisible` says whether the caller may see an item;
 * `itemHasLocation` whether it already has one (one location per item).
 */
export function parseLocationPost(
  body: Record<string, unknown>,
  itemVisible: (id: number) => boolean,
  itemHasLocation: (id: number) => boolean,
  bugCompat = false,
): LocationFields {
  const errors: Record<string, string> = {}
  const itemId = bodyRefId(body.item)
  // Bug-compatible: Table::exists(NULL) runs a statement without its parameter.
  if (bugCompat && (itemId === undefined || itemId === null))
    throw new ApiError(500, 'Mysqli statement execute error : No data supplied for parameters in prepared statement')
  // Geolocation answers a SQL error (500) without an item; a missing item is simply not a valid one.
  if (itemId === undefined || itemId === null || itemId <= 0 || !itemVisible(itemId)) errors.item_id = MESSAGES.item_id
  const numbers = parseNumbers(body, null, errors, bugCompat)
  if (!errors.item_id && itemHasLocation(itemId!)) errors.latitude = 'A location already exists for the provided item.'
  if (Object.keys(errors).length) saveError(errors)
  return { itemId: itemId!, ...numbers, ...parseTexts(body) }
}

/** A PUT body → the location's new fields; `item` is ignored (a location never moves). */
export function parseLocationPut(
  body: Record<string, unknown>,
  current: LocationRow,
  bugCompat = false,
): Omit<LocationFields, 'itemId'> {
  const errors: Record<string, string> = {}
  const numbers = parseNumbers(body, current, errors, bugCompat)
  if (Object.keys(errors).length) saveError(errors)
  return { ...numbers, ...parseTexts(body) }
}

const ref = z.object({ id: z.number().int().positive() }).passthrough()

/** A record of a fixture's geolocations.json (the API's own JSON; derived keys ignored). */
export const locationFixtureSchema = z
  .object({
    id: z.number().int().positive(),
    latitude: z.number().finite(),
    longitude: z.number().finite(),
    zoom_level: z.number().int(),
    map_type: z.string(),
    address: z.string(),
    item: ref,
  })
  .passthrough()
export type LocationFixture = z.infer<typeof locationFixtureSchema>
