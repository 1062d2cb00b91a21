import { countRows, type SnapshotPart } from '../../control/snapshots/snapshots.parts.js'
import type { Deps } from '../deps.js'

/** Classic's share of a snapshot; it keeps the names snapshots always had, so older snapshots still restore. */
export function classicSnapshotPart(deps: Deps): SnapshotPart {
  return {
    flavor: 'classic',
    dbFile: 'db.sqlite',
    filesDir: 'files',
    db: deps.db.$client,
    filesRoot: deps.files.root,
    items: () => countRows(deps.db.$client, 'items'),
    invalidate: () => {
      deps.options.invalidate()
      // A restore replaced the file tree: reset templates must not take it for theirs.
      deps.files.generation++
    },
    health: deps.health,
  }
}
