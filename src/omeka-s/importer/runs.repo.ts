import type { SDb } from '../db/client.js'
import {
  RunStore,
  type BaseRunOptions,
  type Counters,
  type Cursor,
  type ImportRecordRow,
  type RecordLog,
  type RunRow,
} from '../../core/import/run-store.js'

/** What an S-target run imports, in dependency order (Classic collections land in item_sets, files in media; sites, pages and assets come from S origins only). */
export const S_RESOURCES = [
  'users',
  'vocabularies',
  'resource_templates',
  'assets',
  'item_sets',
  'items',
  'media',
  'sites',
  'site_pages',
] as const
export type SImportResource = (typeof S_RESOURCES)[number]
export type SCounters = Counters<SImportResource>
export type SCursor = Cursor<SImportResource>
export type SRecordLog = RecordLog<SImportResource>
export type SImportRecordRow = ImportRecordRow

export interface SRunOptions extends BaseRunOptions {
  /** Classic → S: the property that receives tags. */
  tags_property: string
}
export type SRunRow = RunRow<SImportResource, SRunOptions>

/** Now in Omeka S's stored format (`c`, UTC). */
export const nowS = (): string => new Date().toISOString().replace(/\.\d+Z$/, '+00:00')

const stores = new WeakMap<SDb['$client'], RunStore<SImportResource, SRunOptions>>()

/** The Omeka S database's run store (`import_run`, `import_record`; S's stored dates). */
export function sRunStore(db: SDb): RunStore<SImportResource, SRunOptions> {
  let store = stores.get(db.$client)
  if (!store)
    stores.set(
      db.$client,
      (store = new RunStore({
        db: db.$client,
        tables: { runs: 'import_run', records: 'import_record' },
        resources: S_RESOURCES,
        now: nowS,
      })),
    )
  return store
}

export const findSRun = (db: SDb, id: number): SRunRow | undefined => sRunStore(db).find(id)
export const searchSRuns = (db: SDb, status: string | undefined, page: number, perPage: number) =>
  sRunStore(db).search(status, page, perPage)
export const insertSRun = (
  db: SDb,
  r: { endpoint: string; origin: string; fromFlavor: 's' | 'classic'; options: SRunOptions; ownerId: number | null },
): number => sRunStore(db).insert({ ...r, omekaUrl: null })
export const updateSRun = (
  db: SDb,
  id: number,
  p: Parameters<RunStore<SImportResource, SRunOptions>['update']>[1],
): void => sRunStore(db).update(id, p)
export const searchSImportRecords = (
  db: SDb,
  f: { runId?: number; outcome?: string; resource?: string },
  page: number,
  perPage: number,
) => sRunStore(db).searchRecords(f, page, perPage)
export const findSImportRecord = (db: SDb, id: number): ImportRecordRow | undefined => sRunStore(db).findRecord(id)
