import { Hono, type Context, type MiddlewareHandler } from 'hono'
import type { Deps } from '../deps.js'
import { dbStamp } from './statements.js'

/** Bytes of response bodies kept at most, and the largest single body worth keeping. */
const MAX_BYTES = 64 * 1024 * 1024
const MAX_ENTRY = 4 * 1024 * 1024

interface Entry {
  status: number
  headers: Record<string, string>
  /** Bytes, not text: the server then writes them without encoding them again. */
  body: Uint8Array<ArrayBuffer>
}

/** Who asks and how it is rendered: Host makes the URLs, the query carries key, paging and callback. */
function cacheKey(c: Context, deps: Deps): string {
  return `${c.req.header('Host') ?? ''}\n${c.req.header('Origin') ?? ''}\n${deps.extenders.length}\n${c.req.url}`
}

function cacheable(c: Context, deps: Deps): boolean {
  // sort_field=random must give a new order each time, as Omeka's ORDER BY RAND() does.
  return c.req.method === 'GET' && !c.req.header('X-HTTP-Method-Override') && !deps.health.broken && !/[?&]sort_field=random(&|$)/.test(c.req.url)
}

/**
 * Serves repeated GETs of an unchanged database from the bytes of the first answer. Each answer is
 * still made by the resource's handler and representation; this only skips recomputing it (CI loops
 * and pollers ask the same pages over and over). Any write anywhere invalidates every entry.
 */
export function responseCache(deps: Deps): MiddlewareHandler {
  const entries = new Map<string, Entry>()
  let bytes = 0
  let lastStamp = ''
  const stampNow = () => dbStamp(deps.db)
  const utf8 = new TextEncoder()

  const store = (key: string, entry: Entry) => {
    entries.set(key, entry)
    bytes += entry.body.byteLength
    for (const [k, e] of entries) {
      if (bytes <= MAX_BYTES) break
      entries.delete(k)
      bytes -= e.body.byteLength
    }
  }

  return async (c, next) => {
    if (!cacheable(c, deps)) return next()
    const stamp = stampNow()
    if (stamp !== lastStamp) {
      entries.clear()
      bytes = 0
      lastStamp = stamp
    }
    const key = cacheKey(c, deps)
    const hit = entries.get(key)
    if (hit) return new Response(hit.body, { status: hit.status, headers: hit.headers })
    await next()
    // Only answers made by classicResponse (the records' representations) are kept, read from what it
    // wrote rather than from the Response, whose body would have to be streamed back.
    const answer = c.get('classicAnswer')
    if (!answer || answer.status !== 200 || c.res.status !== 200 || answer.body.length > MAX_ENTRY) return
    // A write during the handler (none today for GET) would make this answer older than its stamp.
    if (stampNow() === stamp) store(key, { status: answer.status, headers: answer.headers, body: utf8.encode(answer.body) })
  }
}

/** `inner` behind the response cache. */
export function withResponseCache(deps: Deps, inner: Hono): Hono {
  const app = new Hono()
  app.use('/*', responseCache(deps))
  app.route('/', inner)
  return app
}
