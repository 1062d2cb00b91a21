import type { Db } from '../db/client.js'
import type { ClassicResource } from '../context.js'
import type { Extender } from '../extensions.js'
import type { Fixture } from '../fixtures/load.js'

/** An Omeka Classic plugin omeka-twin imitates: its API resources, extended_resources and fixture files. */
export interface Plugin {
  name: string
  /** Appended to `/api/resources` after the core resources, in plugin order. */
  resources: ClassicResource[]
  extender: Extender
  fixture: {
    /** Its fixture files (without `.json`), the raw index of the resource of the same name. */
    files: readonly string[]
    /** next_ids.json names of its id counters → their tables. */
    counters: Readonly<Record<string, string>>
    /** Its tables, emptied by a reset (children before parents). */
    tables: readonly string[]
    validate: (fx: Fixture) => void
    /** Loads its files; returns whether the fixture has them (which makes the plugin active). */
    insert: (db: Db, fx: Fixture) => boolean
  }
}
