import type { MiddlewareHandler } from 'hono'
import { requestKey, stampedResponseCache } from '../core/http/response-cache.js'
import { stateKey } from '../core/http/state-labels.js'
import { dbStamp } from './db/client.js'
import type { Deps } from './deps.js'

/**
 * The Omeka S API's response cache, emptied when the S database's stamp moves. The key's full URL
 * carries key_identity and key_credential, so callers who see different resources never share an
 * entry. Only the resources of `cached` (Omeka S's own, whose answers come from the database alone)
 * and /api-context are kept; answers are those readResponse left on the context.
 */
export function responseCache(deps: Deps, cached: ReadonlySet<string>): MiddlewareHandler {
  const prefix = `${deps.mount}/api`
  return stampedResponseCache({
    stamp: () => stateKey(deps.db.$client, dbStamp(deps.db)),
    cacheable: (c) => {
      const path = c.req.path
      if (deps.health.broken || !path.startsWith(prefix)) return false
      if (path === `${prefix}-context`) return true
      const name = /^\/([a-zA-Z0-9_-]+)(\/[^/]+)?$/.exec(path.slice(prefix.length))?.[1]
      return name !== undefined && cached.has(name)
    },
    key: requestKey,
    answer: (c) => c.get('toAnswer'),
  })
}
