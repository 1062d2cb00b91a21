import type * as core from '../../core/import/id-map.js'
import type { ImportResource } from './runs.repo.js'

export type MapEntry = core.MapEntry
export type IdMap = core.IdMap<ImportResource>

/** Local tables of the mapped resources (a whitelist: SQL is never built from input). */
const LIVE_TABLES: Partial<Record<ImportResource, string>> = {
  sites: 'site',
  site_pages: 'site_page',
  assets: 'asset',
  items: 'resource',
  item_sets: 'resource',
  media: 'resource',
}
export const liveTableOf = (r: ImportResource): string | null => LIVE_TABLES[r] ?? null
