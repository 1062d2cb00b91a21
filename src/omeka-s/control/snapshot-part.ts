import { countRows, type SnapshotPart } from '../../control/snapshots/snapshots.parts.js'
import type { Deps } from '../deps.js'

/** Omeka S's share of a snapshot: its database and file store, beside Classic's in the snapshot directory. */
export function snapshotPart(deps: Deps): SnapshotPart {
  return {
    flavor: 's',
    dbFile: 's.sqlite',
    filesDir: 'files-s',
    db: deps.db.$client,
    filesRoot: deps.files.root,
    items: () => countRows(deps.db.$client, 'item'),
    invalidate: () => {
      deps.files.generation++
    },
    health: deps.health,
  }
}
