import { sqliteTable, integer, text, index, primaryKey } from 'drizzle-orm/sqlite-core'

// The import engine's own tables (S → S and Classic → S runs), beside the data they write.

/** One import run; the origin's key is never stored (a resumed run is given it again). */
export const sImportRuns = sqliteTable(
  'import_run',
  {
    id: integer('id').primaryKey(),
    endpoint: text('endpoint').notNull(),
    /** Canonical origin (the identity map's key), prefixed with the source flavour. */
    origin: text('origin').notNull(),
    /** 's' | 'classic' */
    fromFlavor: text('from_flavor').notNull(),
    /** The origin site's own URL when it says (Classic's site resource). */
    omekaUrl: text('omeka_url'),
    status: text('status').notNull(),
    /** JSON: mode, dry_run, full, import_users, tags_property, authenticated. */
    options: text('options').notNull(),
    counters: text('counters').notNull(),
    /** JSON `{resource, url}`: where a resumed run starts. */
    cursor: text('cursor'),
    /** The bound of an incremental run; null for a full run. */
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
  (t) => [index('import_run_origin').on(t.origin, t.status)],
)

/** The per-record log of runs. */
export const importRecords = sqliteTable(
  'import_record',
  {
    id: integer('id').primaryKey(),
    runId: integer('run_id')
      .notNull()
      .references(() => sImportRuns.id, { onDelete: 'cascade' }),
    resource: text('resource').notNull(),
    remoteId: integer('remote_id'),
    localId: integer('local_id'),
    outcome: text('outcome').notNull(),
    message: text('message'),
    /** JSON of the values an override replaced, so undo can restore them (the Classic log's column). */
    before: text('before'),
    /** JSON array of the fields an update changes (a dry run's diff): property terms and o: fields. */
    changes: text('changes'),
  },
  (t) => [index('import_record_run').on(t.runId, t.outcome)],
)

/** `(origin, resource, remote id) → local id`, with the content hash that makes re-imports idempotent. */
export const importIdMap = sqliteTable(
  'import_id_map',
  {
    origin: text('origin').notNull(),
    resource: text('resource').notNull(),
    remoteId: integer('remote_id').notNull(),
    localId: integer('local_id').notNull(),
    hash: text('hash'),
    /** The local `modified` right after the import wrote it: a different value means "edited here". */
    localModified: text('local_modified'),
    createdByRun: integer('created_by_run'),
    /** JSON: the remote values whose links could not be resolved yet. */
    pending: text('pending'),
    /** JSON: remote facts later phases need (an item's media order and primary media). */
    data: text('data'),
    // JSON: fingerprints of the values the import last wrote to the record (a merge tells origin values from local additions).
    provenance: text('provenance'),
  },
  (t) => [primaryKey({ columns: [t.origin, t.resource, t.remoteId] }), index('import_id_map_run').on(t.createdByRun)],
)
