import type { Context, MiddlewareHandler } from 'hono'

/** Bytes of response bodies kept at most, and the largest single body worth keeping. */
const MAX_BYTES = 64 * 1024 * 1024
const MAX_ENTRY = 4 * 1024 * 1024

/** An answer as a flavour's response function made it (kept instead of reading the Response back). */
export interface CachedAnswer {
  status: number
  headers: Record<string, string>
  body: string
  /** The body's UTF-8 bytes when the response was made from them (then not encoded a second time). */
  bytes?: Uint8Array<ArrayBuffer>
}

const utf8 = new TextEncoder()

/** A Response whose body is the answer's bytes, encoded once and kept on the answer for the cache. */
export function answerResponse(answer: CachedAnswer): Response {
  answer.bytes ??= utf8.encode(answer.body)
  return new Response(answer.bytes, { status: answer.status, headers: answer.headers })
}

interface Entry {
  status: number
  headers: Record<string, string>
  /** Bytes, not text: the server then writes them without encoding them again. */
  body: Uint8Array<ArrayBuffer>
}

/** What a flavour plugs into the cache. */
export interface ResponseCacheRules {
  /** The database's version: any write, by any connection, changes it. */
  stamp(): string
  /** Whether this request may be answered from, and stored in, the cache. */
  cacheable(c: Context): boolean
  /** Everything that makes two answers differ: Host (it makes the URLs), Origin, the full URL with its key. */
  key(c: Context): string
  /** The answer the handler left on the context, if it is one the cache may keep. */
  answer(c: Context): CachedAnswer | undefined
}

/**
 * Serves repeated GETs of an unchanged database from the bytes of the first answer. Each answer is
 * still made by the resource's handler and representation; this only skips recomputing it (CI loops
 * and pollers ask the same pages over and over). A new database stamp empties every entry.
 */
export function stampedResponseCache(rules: ResponseCacheRules): MiddlewareHandler {
  const entries = new Map<string, Entry>()
  let bytes = 0
  let lastStamp = ''

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
    if (c.req.method !== 'GET' || c.req.header('X-HTTP-Method-Override') || !rules.cacheable(c)) return next()
    const stamp = rules.stamp()
    if (stamp !== lastStamp) {
      entries.clear()
      bytes = 0
      lastStamp = stamp
    }
    const key = rules.key(c)
    const hit = entries.get(key)
    if (hit) return new Response(hit.body, { status: hit.status, headers: hit.headers })
    await next()
    const answer = rules.answer(c)
    if (!answer || answer.status !== 200 || c.res.status !== 200 || answer.body.length > MAX_ENTRY) return
    // An answer made while the database changed (e.g. another connection's commit) may be older than its stamp.
    if (rules.stamp() === stamp) store(key, { status: answer.status, headers: answer.headers, body: answer.bytes ?? utf8.encode(answer.body) })
  }
}

/** The cache key every flavour uses: Host, Origin and the full URL (whose query carries the key). */
export function requestKey(c: Context): string {
  return `${c.req.header('Host') ?? ''}\n${c.req.header('Origin') ?? ''}\n${c.req.url}`
}
