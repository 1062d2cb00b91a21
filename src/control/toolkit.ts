import { dirname, join } from 'node:path'
import type { RuntimeConfig } from '../config.js'
import { FaultEngine, type AppliedFault } from './faults/faults.engine.js'
import { RequestJournal } from './journal/journal.js'
import { SnapshotStore } from './snapshots/snapshots.js'
import type { SnapshotPart } from './snapshots/snapshots.parts.js'

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
export function createToolkit(config: RuntimeConfig, parts: SnapshotPart[]): Toolkit {
  const faults = new FaultEngine()
  if (config.faults) faults.set(config.faults)
  const first = parts[0]
  if (!first) throw new Error('createToolkit: no flavour is served')
  const snapshotsDir = config.snapshotsDir ?? join(dirname(first.filesRoot), 'snapshots')
  return {
    faults,
    journal: new RequestJournal(config.journalSize ?? DEFAULT_JOURNAL_SIZE),
    snapshots: new SnapshotStore(snapshotsDir, parts),
  }
}
