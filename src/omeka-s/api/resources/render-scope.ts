import type { Db } from '../../db/client.js'
import type { User } from '../../acl.js'
import type { Urls } from '../../urls.js'
import type { Settings } from '../../settings.js'
import type { Catalog } from './catalog.js'

/** What rendering a resource needs: its database, URLs, the caller, the settings and the vocabulary catalogue. */
export interface RenderScope {
  db: Db
  urls: Urls
  user: User | null
  settings: Settings
  catalog: Catalog
}
