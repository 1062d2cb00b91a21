import type { Db } from './db/client.js'
import type { OptionsStore } from './settings.js'
import type { FileStore } from './storage/file-store.js'
import type { Extender } from './classic/extensions.js'

export interface RuntimeConfig {
  /** Overrides the origin used in absolute URLs (default: the request's Host). */
  baseUrl?: string | undefined
  /** Serve /__admin (never in production). */
  control: boolean
  /** Largest accepted upload, in bytes. */
  maxUploadBytes: number
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
}
