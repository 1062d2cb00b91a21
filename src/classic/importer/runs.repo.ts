import type { Db } from '../db/client.js'
import { nowStored } from '../shared.js'
import { RESOURCES, type ImportResource } from './id-map.js'
import {
  RunStore,
  type BaseRunOptions,
  type Counters as CoreCounters,
  type Cursor as CoreCursor,
  type ImportRecordRow,
  type Outcome,
  type RecordLog as CoreRecordLog,
  type RunRow as CoreRunRow,
} from '../../core/import/run-store.js'

export {
  ACTIVE_STATUSES,
  OUTCOMES,
  RUN_STATUSES,
  type Counter,
  type ImportRecordRow,
  type Outcome,
  type RunStatus,
} from '../../core/import/run-store.js'

export interface RunOptions extends BaseRunOptions {
  override_element_sets: boolean
  full: boolean
}
export type Counters = CoreCounters<ImportResource>
export type Cursor = CoreCursor<ImportResource>
export type RunRow = CoreRunRow<ImportResource, RunOptions>
/** Classic logs the tags a run created too (undo removes those nothing uses any more). */
/** Log rows: the resources, plus tags a run created and the site information a mirror copied (not counted). */
export type RecordLog = CoreRecordLog<ImportResource | 'tags' | 'site'>

const stores = new WeakMap<Db['$client'], RunStore<ImportResource, RunOptions>>()

/** The Classic database's run store (`import_runs`, `import_records`; Classic's stored dates). */
export function runStore(db: Db): RunStore<ImportResource, RunOptions> {
  let store = stores.get(db.$client)
  if (!store)
    stores.set(
      db.$client,
      (store = new RunStore({
        db: db.$client,
        tables: { runs: 'import_runs', records: 'import_records' },
        resources: RESOURCES,
        now: nowStored,
      })),
    )
  return store
}

export const emptyCounters = (): Counters =>
  Object.fromEntries(
    RESOURCES.map((r) => [r, { total: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, deleted: 0 }]),
  ) as Counters
export const findRun = (db: Db, id: number): RunRow | undefined => runStore(db).find(id)
export const searchRuns = (db: Db, status: string | undefined, page: number, perPage: number) =>
  runStore(db).search(status, page, perPage)
export const insertRun = (
  db: Db,
  r: { endpoint: string; origin: string; omekaUrl: string | null; options: RunOptions; ownerId: number | null },
): number => runStore(db).insert({ ...r, fromFlavor: 'classic' })
export const updateRun = (db: Db, id: number, p: Parameters<RunStore<ImportResource, RunOptions>['update']>[1]): void =>
  runStore(db).update(id, p)
export const logRecords = (db: Db, runId: number, rows: readonly RecordLog[]): void => runStore(db).log(runId, rows)
export const searchImportRecords = (
  db: Db,
  f: { runId?: number; outcome?: string; resource?: string },
  page: number,
  perPage: number,
) => runStore(db).searchRecords(f, page, perPage)
export const findImportRecord = (db: Db, id: number): ImportRecordRow | undefined => runStore(db).findRecord(id)
export const countImportRecords = (db: Db, runId: number, outcome?: Outcome): number =>
  runStore(db).countRecords(runId, outcome)
