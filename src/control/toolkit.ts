import { dirname, join } from 'node:path'
import type { Deps } from '../classic/deps.js'
import { FaultEngine, type AppliedFault } from './faults/faults.engine.js'
import { RequestJournal } from './journal/journal.js'
import { SnapshotStore } from './snapshots/snapshots.js'
import { snapshotParts } from './snapshots/snapshots.parts.js'

declare module 'hono' {
  interface ContextVariableMap {
    /** The fault rules that fired for this request (set by the faults middleware). */
    faults: AppliedFault[] | undefined
  }
}

export const DEFAULT_JOURNAL_SIZE = 1000

/** The test-double state of one app: fault rules, request journal, snapshots. Built by createApp(). */
export interface Toolkit {
  faults: FaultEngine
  journal: RequestJournal
  snapshots: SnapshotStore
}

/**
 * The toolkit for an app; fault rules from `serve --faults` are in force from the start. Snapshots
 * cover every served flavour and live beside the file store (`<data>/snapshots`) unless configured elsewhere.
 */
export function createToolkit(deps: Deps): Toolkit {
  const faults = new FaultEngine()
  if (deps.config.faults) faults.set(deps.config.faults)
  const snapshotsDir = deps.config.snapshotsDir ?? join(dirname(deps.files.root), 'snapshots')
  return {
    faults,
    journal: new RequestJournal(deps.config.journalSize ?? DEFAULT_JOURNAL_SIZE),
    snapshots: new SnapshotStore(snapshotsDir, snapshotParts(deps)),
  }
}
