import type { Context } from 'hono'
import type { PhpArray } from '../core/http/php-query.js'
import type { SDeps } from './deps.js'
import type { SUser } from './acl.js'
import type { SSettings } from './settings.js'
import type { SUrls } from './urls.js'

/** What an Omeka S handler receives once the router's checks have passed. */
export interface SRequest {
  c: Context
  deps: SDeps
  urls: SUrls
  /** $_GET as PHP parsed it (in the request's order). */
  query: PhpArray
  user: SUser | null
  settings: SSettings
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

export interface SResource {
  name: string
  /** The adapter class (for 403/500 messages), e.g. `Omeka\Api\Adapter\ItemAdapter`. */
  adapter: string
  search?(req: SRequest): SearchResult
  read?(req: SRequest): unknown
  create?(req: SRequest): unknown | Promise<unknown>
  update?(req: SRequest, partial: boolean): unknown | Promise<unknown>
  delete?(req: SRequest): unknown
}

export const adapterClass = (name: string): string => `Omeka\\Api\\Adapter\\${name}Adapter`
export const entityClass = (name: string): string => `Omeka\\Entity\\${name}`
