import { Hono, type MiddlewareHandler } from 'hono'
import type { Deps } from './deps.js'
import { requestKey, stampedResponseCache } from '../core/http/response-cache.js'
import { dbStamp } from './statements.js'
import { stateKey } from '../core/http/state-labels.js'

/**
 * The Classic API's response cache: answers made by classicResponse, keyed by the request and the
 * active plugins (they add `extended_resources`), emptied by any write to the Classic database.
 */
export function responseCache(deps: Deps): MiddlewareHandler {
  return stampedResponseCache({
    stamp: () => stateKey(deps.db.$client, dbStamp(deps.db)),
    // sort_field=random must give a new order each time, as Omeka's ORDER BY RAND() does.
    cacheable: (c) => !deps.health.broken && !/[?&]sort_field=random(&|$)/.test(c.req.url),
    key: (c) => `${deps.extenders.length}\n${deps.config.bugCompat ? 'bug-compat' : ''}\n${requestKey(c)}`,
    answer: (c) => c.get('classicAnswer'),
  })
}

/** `inner` behind the response cache. */
export function withResponseCache(deps: Deps, inner: Hono): Hono {
  const app = new Hono()
  app.use('/*', responseCache(deps))
  app.route('/', inner)
  return app
}
