import type { MiddlewareHandler } from 'hono'
import { sDbStamp } from './db/client.js'
import type { SDeps } from './deps.js'

/** Bytes of response bodies kept at most, and the largest single body worth keeping. */
const MAX_BYTES = 64 * 1024 * 1024
const MAX_ENTRY = 4 * 1024 * 1024

interface Entry {
  status: number
  headers: Record<string, string>
  /** Bytes, not text: the server then writes them without encoding them again. */
  body: Uint8Array<ArrayBuffer>
}

/**
 * Serves repeated GETs of the Omeka S API from the bytes of the first answer while the S database is
 * unchanged (its stamp: this connection's writes, other connections' commits, DDL). The key is the
 * Host (it makes the URLs), the Origin and the full URL, whose query carries key_identity and
 * key_credential: callers who see different resources never share an entry. Only the resources of
 * `cached` (Omeka S's own, whose answers come from the database alone) and /api-context are kept.
 */
export function sResponseCache(deps: SDeps, cached: ReadonlySet<string>): MiddlewareHandler {
  const entries = new Map<string, Entry>()
  let bytes = 0
  let lastStamp = ''
  const prefix = `${deps.mount}/api`
  const utf8 = new TextEncoder()
  const cacheable = (method: string, path: string) => {
    if (method !== 'GET' || deps.health.broken || !path.startsWith(prefix)) return false
    if (path === `${prefix}-context`) return true
    const name = /^\/([a-zA-Z0-9_-]+)(\/[^/]+)?$/.exec(path.slice(prefix.length))?.[1]
    return name !== undefined && cached.has(name)
  }
  const store = (key: string, entry: Entry) => {
    // Over budget: start again (a database change empties the cache anyway, so it rarely fills up).
    if (bytes + entry.body.byteLength > MAX_BYTES) {
      entries.clear()
      bytes = 0
    }
    entries.set(key, entry)
    bytes += entry.body.byteLength
  }

  return async (c, next) => {
    if (!cacheable(c.req.method, c.req.path) || c.req.header('X-HTTP-Method-Override')) return next()
    const stamp = sDbStamp(deps.db)
    if (stamp !== lastStamp) {
      entries.clear()
      bytes = 0
      lastStamp = stamp
    }
    const key = `${c.req.header('Host') ?? ''}\n${c.req.header('Origin') ?? ''}\n${c.req.url}`
    const hit = entries.get(key)
    if (hit) return new Response(hit.body, { status: hit.status, headers: hit.headers })
    await next()
    // Kept from what sReadResponse wrote (names and order of the headers as made), not read back from
    // the Response; answers made by another app (the imports gate) are kept by its own use of this.
    const answer = c.get('sAnswer')
    if (!answer || answer.status !== 200 || c.res.status !== 200 || answer.body.length > MAX_ENTRY) return
    // An answer made while the database changed (another connection's commit) may be older than its stamp.
    if (sDbStamp(deps.db) === stamp) store(key, { status: answer.status, headers: answer.headers, body: utf8.encode(answer.body) })
  }
}
