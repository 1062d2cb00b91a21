import type { SDb } from '../../db/client.js'
import type { SUser } from '../../acl.js'
import type { SUrls } from '../../urls.js'
import type { SSettings } from '../../settings.js'
import type { Catalog } from './catalog.js'

/** What rendering a resource needs: its database, URLs, the caller, the settings and the vocabulary catalogue. */
export interface RenderScope {
  db: SDb
  urls: SUrls
  user: SUser | null
  settings: SSettings
  catalog: Catalog
}
