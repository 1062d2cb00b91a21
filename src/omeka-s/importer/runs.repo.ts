import type { Db } from '../db/client.js'
import { RunStore, type BaseRunOptions } from '../../core/import/run-store.js'
import type * as core from '../../core/import/run-store.js'

/** What an S-target run imports, in dependency order (Classic collections land in item_sets, files in media; sites, pages and assets come from S origins only). */
export const RESOURCES = [
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
export type ImportResource = (typeof RESOURCES)[number]
export type Counters = core.Counters<ImportResource>
export type Cursor = core.Cursor<ImportResource>
export type RecordLog = core.RecordLog<ImportResource>
export type ImportRecordRow = core.ImportRecordRow

export interface RunOptions extends BaseRunOptions {
  /** Classic → S: the property that receives tags. */
  tags_property: string
}
export type RunRow = core.RunRow<ImportResource, RunOptions>

/** Now in Omeka S's stored format (`c`, UTC). */
export const nowS = (): string => new Date().toISOString().replace(/\.\d+Z$/, '+00:00')

const stores = new WeakMap<Db['$client'], RunStore<ImportResource, RunOptions>>()

/** The Omeka S database's run store (`import_run`, `import_record`; S's stored dates). */
export function runStore(db: Db): RunStore<ImportResource, RunOptions> {
  let store = stores.get(db.$client)
  if (!store)
    stores.set(
      db.$client,
      (store = new RunStore({
        db: db.$client,
        tables: { runs: 'import_run', records: 'import_record' },
        resources: RESOURCES,
        now: nowS,
      })),
    )
  return store
}

export const findRun = (db: Db, id: number): RunRow | undefined => runStore(db).find(id)
export const searchRuns = (db: Db, status: string | undefined, page: number, perPage: number) =>
  runStore(db).search(status, page, perPage)
export const insertRun = (
  db: Db,
  r: { endpoint: string; origin: string; fromFlavor: 's' | 'classic'; options: RunOptions; ownerId: number | null },
): number => runStore(db).insert({ ...r, omekaUrl: null })
export const updateRun = (db: Db, id: number, p: Parameters<RunStore<ImportResource, RunOptions>['update']>[1]): void =>
  runStore(db).update(id, p)
export const searchImportRecords = (
  db: Db,
  f: { runId?: number; outcome?: string; resource?: string },
  page: number,
  perPage: number,
) => runStore(db).searchRecords(f, page, perPage)
export const findImportRecord = (db: Db, id: number): core.ImportRecordRow | undefined => runStore(db).findRecord(id)
