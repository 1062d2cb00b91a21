import type { Context } from 'hono'
import type { PhpArray } from '../core/http/php-query.js'
import type { Deps } from './deps.js'
import type { User } from './acl.js'
import type { Settings } from './settings.js'
import type { Urls } from './urls.js'

/** What an Omeka S handler receives once the router's checks have passed. */
export interface ApiRequest {
  c: Context
  deps: Deps
  urls: Urls
  /** $_GET as PHP parsed it (in the request's order). */
  query: PhpArray
  user: User | null
  settings: Settings
  /** The id segment of the path, as a string (Omeka's criteria show it as a JSON string). */
  id: string
  /** POST/PUT/PATCH: the decoded JSON payload (or multipart `data`). */
  body: Record<string, unknown>
  /** Multipart uploads by field name (`file[0]`, `file`). */
  files: Map<string, File>
}

/** A search result: the page of representations and the total (absent for modules, api_resources, data_types). */
export interface SearchResult {
  items: unknown[] | Record<string, unknown>
  total?: number
}

export interface Resource {
  name: string
  /** The adapter class (for 403/500 messages), e.g. `Omeka\Api\Adapter\ItemAdapter`. */
  adapter: string
  search?(req: ApiRequest): SearchResult
  read?(req: ApiRequest): unknown
  create?(req: ApiRequest): unknown | Promise<unknown>
  update?(req: ApiRequest, partial: boolean): unknown | Promise<unknown>
  delete?(req: ApiRequest): unknown
}

export const adapterClass = (name: string): string => `Omeka\\Api\\Adapter\\${name}Adapter`
export const entityClass = (name: string): string => `Omeka\\Entity\\${name}`
