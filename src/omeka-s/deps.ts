import type { Hono } from 'hono'
import type { RuntimeConfig } from '../config.js'
import type { Db } from './db/client.js'
import type { FileStore } from './storage/s-file-store.js'

/** What the Omeka S flavour needs from the outside world; tests build it on :memory: and a temp dir. */
export interface Deps {
  db: Db
  files: FileStore
  config: RuntimeConfig
  /** Path prefix of the flavour: '' (`--flavor s`) or '/s' (`--flavor both`). */
  mount: string
  /** Set when a reset failed part-way: the API refuses requests until a later reset succeeds. */
  health: { broken: string | null }
  /**
   * The flavour's app (createApi), carried by its deps so that createApp mounts it without importing the Omeka S
   * code: a Classic-only server never loads it (nor sharp and file-type, which it uses).
   */
  app: (deps: Deps) => Hono
}
