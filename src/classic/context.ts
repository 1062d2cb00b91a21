import type { Context } from 'hono'
import type { Deps } from './deps.js'
import type { Actor } from './acl.js'
import type { PhpArray } from '../core/http/php-query.js'
import type { Urls } from '../core/http/urls.js'
import type { ApiSettings } from './settings.js'

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

export type ClassicHandler = (req: ClassicRequest) => Response | Promise<Response>

export interface ClassicResource {
  name: string
  controller?: string
  recordType?: string
  actions: ClassicAction[]
  indexParams?: string[]
  handlers: Partial<Record<ClassicAction, ClassicHandler>>
  /** omeka-twin's own resources (imports) stay out of /api/resources, which must be Omeka's list. */
  unlisted?: boolean
  /** Files take multipart bodies on POST. */
  multipartPost?: boolean
}
