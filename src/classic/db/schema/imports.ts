import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * One import run (or its undo). The API key is never stored: it lives in memory for the run only.
 * `options`, `counters` and `cursor` are JSON texts; `cursor` is the checkpoint a resumed run continues from.
 */
export const importRuns = sqliteTable(
  'import_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    endpoint: text('endpoint').notNull(),
    origin: text('origin').notNull(),
    omekaUrl: text('omeka_url'),
    /** The origin's flavour ('classic' | 's'): the same columns as the Omeka S database's runs. */
    fromFlavor: text('from_flavor').notNull().default('classic'),
    status: text('status').notNull(),
    options: text('options').notNull(),
    counters: text('counters').notNull().default('{}'),
    cursor: text('cursor'),
    since: text('since'),
    requests: integer('requests').notNull().default(0),
    retries: integer('retries').notNull().default(0),
    bytes: integer('bytes').notNull().default(0),
    message: text('message'),
    ownerId: integer('owner_id'),
    added: text('added').notNull(),
    started: text('started'),
    finished: text('finished'),
  },
  (t) => [index('import_runs_origin').on(t.origin, t.status)],
)

/** What happened to each remote record in a run (created, updated, unchanged, skipped, failed, deleted, kept, undone). */
export const importRecords = sqliteTable(
  'import_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id').notNull(),
    resource: text('resource').notNull(),
    remoteId: integer('remote_id'),
    localId: integer('local_id'),
    outcome: text('outcome').notNull(),
    message: text('message'),
    // JSON of the values an override replaced, so undo can restore them.
    before: text('before'),
    // JSON array of the fields an update changes (a dry run's diff), by name.
    changes: text('changes'),
  },
  (t) => [index('import_records_run').on(t.runId, t.outcome)],
)

/**
 * The identity map: (canonical origin, resource, remote id) → local id, with the content hash last
 * written, the local `modified` right after that write (to spot local edits) and the run that created it.
 */
export const importIdMap = sqliteTable(
  'import_id_map',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    origin: text('origin').notNull(),
    resource: text('resource').notNull(),
    remoteId: integer('remote_id').notNull(),
    localId: integer('local_id').notNull(),
    hash: text('hash'),
    localModified: text('local_modified'),
    createdByRun: integer('created_by_run'),
    // References the origin gave that could not be resolved yet (JSON), fixed up by a later run.
    pending: text('pending'),
    // JSON of facts later phases or runs read about the record (the same columns as the S database's map).
    data: text('data'),
    // JSON: fingerprints of the values the import last wrote to the record (a merge tells origin values from local additions).
    provenance: text('provenance'),
  },
  (t) => [
    uniqueIndex('import_id_map_key').on(t.origin, t.resource, t.remoteId),
    index('import_id_map_local').on(t.resource, t.localId),
    index('import_id_map_run').on(t.createdByRun),
  ],
)
