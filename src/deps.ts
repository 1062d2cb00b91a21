import type { Db } from './db/client.js'
import type { OptionsStore } from './settings.js'
import type { FileStore } from './storage/file-store.js'
import type { Extender } from './classic/extensions.js'
import type { FaultSet } from './control/faults/faults.schemas.js'
import type { CorsConfig } from './http/cors.js'
import type { ImportJobs } from './importer/jobs.js'
import type { SDeps } from './omeka-s/deps.js'

export interface RuntimeConfig {
  /** Which API is served: Omeka Classic (default), Omeka S, or both (S under /s). */
  flavor?: 'classic' | 's' | 'both' | undefined
  /** Overrides the origin used in absolute URLs (default: the request's Host). */
  baseUrl?: string | undefined
  /** Serve /__admin (never in production). */
  control: boolean
  /** Largest accepted upload, in bytes. */
  maxUploadBytes: number
  /** Fault rules in force from the start (`serve --faults rules.json`). */
  faults?: FaultSet | undefined
  /** Browser origins allowed to call /api and /files (CORS); absent: no CORS headers. */
  cors?: CorsConfig | undefined
  /** How many requests the journal keeps (default 1000; 0 turns it off). */
  journalSize?: number | undefined
  /** With --control: the bearer token every control-plane request must carry (required off loopback). */
  controlToken?: string | undefined
  /** Imports: hosts besides the origin's own that file URLs may point to (`--allow-file-host`). */
  allowFileHosts?: readonly string[] | undefined
  /** Where snapshots are kept (default: `snapshots/` beside the file store). */
  snapshotsDir?: string | undefined
}

/** Everything the app needs from the outside world; tests build it on :memory: and a temp dir. */
export interface Deps {
  db: Db
  options: OptionsStore
  files: FileStore
  config: RuntimeConfig
  /** Set when a reset failed part-way: the API refuses requests until a later reset succeeds. */
  health: { broken: string | null }
  /** Plugins' contributions to records' `extended_resources`. */
  extenders: Extender[]
  /** Names of the active plugins (src/plugins); a reset to a fixture with plugin files changes them. */
  plugins: { active: ReadonlySet<string> }
  /** The import job runner; createApp makes one when absent (tests pass an inline one). */
  imports?: ImportJobs
  /** The Omeka S flavour's own dependencies (`--flavor s|both`). */
  s?: SDeps
}
