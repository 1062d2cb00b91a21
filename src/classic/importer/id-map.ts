import type { IdMap as CoreIdMap } from '../../core/import/id-map.js'

export type { MapEntry } from '../../core/import/id-map.js'

/** The resources of the identity map, in dependency order. */
export const RESOURCES = [
  'element_sets',
  'elements',
  'item_types',
  'users',
  'collections',
  'items',
  'files',
  'geolocations',
  'exhibits',
  'exhibit_pages',
] as const
export type ImportResource = (typeof RESOURCES)[number]

/** Local tables of the resources mirror deletions count (a whitelist: SQL is never built from input). */
export const liveTable = (r: ImportResource): string | null =>
  r === 'items' || r === 'collections' || r === 'files' ? r : null

/** The Classic database's identity map. */
export type IdMap = CoreIdMap<ImportResource>
