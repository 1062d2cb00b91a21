import type { IdMap, MapEntry } from '../../core/import/id-map.js'
import type { SImportResource } from './runs.repo.js'

export type SMapEntry = MapEntry
export type SIdMap = IdMap<SImportResource>

/** Local tables of the mapped resources (a whitelist: SQL is never built from input). */
const LIVE_TABLES: Partial<Record<SImportResource, string>> = {
  sites: 'site',
  site_pages: 'site_page',
  assets: 'asset',
  items: 'resource',
  item_sets: 'resource',
  media: 'resource',
}
export const sLiveTable = (r: SImportResource): string | null => LIVE_TABLES[r] ?? null
