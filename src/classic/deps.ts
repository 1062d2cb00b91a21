import type { Db } from './db/client.js'
import type { OptionsStore } from './settings.js'
import type { FileStore } from '../core/files/file-store.js'
import type { Context } from 'hono'
import type { Actor } from './acl.js'
import type { PhpArray } from '../core/http/php-query.js'
import type { Urls } from '../core/http/urls.js'
import type { ApiSettings } from './settings.js'
import type { RuntimeConfig } from '../config.js'

export type ClassicAction = 'index' | 'get' | 'post' | 'put' | 'delete'

/** What a Classic handler receives once the router's checks have passed. */
export interface ClassicRequest {
  c: Context
  deps: Deps
  urls: Urls
  /** $_GET as PHP parsed it. */
  query: PhpArray
  user: Actor | null
  settings: ApiSettings
  action: ClassicAction
  /** The record id from the path (get, put, delete). */
  id: number
  /** For POST/PUT: the decoded JSON object body, null when it is not one (see jsonBody()). */
  body: Record<string, unknown> | null
  form?: Record<string, string | File>
}

/**
 * `extended_resources` of a record: plugin resources attached to it (e.g. an item's geolocation).
 * An empty array unless an enabled plugin contributes, exactly as Omeka serves it without plugins.
 */
export type Extender = (req: ClassicRequest, resource: string, id: number) => Record<string, unknown> | undefined

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
}

export type { RuntimeConfig }
