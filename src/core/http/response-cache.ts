import type { Context, MiddlewareHandler } from 'hono'
import { STATE_LABEL_PREFIX } from './state-labels.js'

/** Bytes of response bodies kept at most, and the largest single body worth keeping. */
const MAX_BYTES = 64 * 1024 * 1024
const MAX_ENTRY = 4 * 1024 * 1024
/** Named states (fixture templates) whose answers are kept beside the current state's. */
const MAX_NAMED_STATES = 8

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
 * and pollers ask the same pages over and over). A new database stamp starts an empty generation; the
 * answers of a named state (a fixture's template, see state-labels.ts) are kept for when it comes back.
 */
export function stampedResponseCache(rules: ResponseCacheRules): MiddlewareHandler {
  const generations = new Map<string, Map<string, Entry>>()
  let entries = new Map<string, Entry>()
  let bytes = 0
  let lastStamp = ''

  const drop = (state: string) => {
    for (const e of generations.get(state)?.values() ?? []) bytes -= e.body.byteLength
    generations.delete(state)
  }

  const store = (key: string, entry: Entry) => {
    entries.set(key, entry)
    bytes += entry.body.byteLength
    // Oldest answers first: other states' before the current one's.
    for (const [state, gen] of generations) {
      for (const [k, e] of gen) {
        if (bytes <= MAX_BYTES) return
        gen.delete(k)
        bytes -= e.body.byteLength
      }
      if (!gen.size && gen !== entries) generations.delete(state)
    }
  }

  const enter = (stamp: string) => {
    if (!lastStamp.startsWith(STATE_LABEL_PREFIX)) drop(lastStamp)
    const named = [...generations.keys()]
    if (named.length >= MAX_NAMED_STATES) drop(named[0]!)
    entries = generations.get(stamp) ?? new Map()
    generations.delete(stamp)
    generations.set(stamp, entries)
    lastStamp = stamp
  }

  return async (c, next) => {
    if (c.req.method !== 'GET' || c.req.header('X-HTTP-Method-Override') || !rules.cacheable(c)) return next()
    const stamp = rules.stamp()
    if (stamp !== lastStamp) enter(stamp)
    const key = rules.key(c)
    const hit = entries.get(key)
    if (hit) return new Response(hit.body, { status: hit.status, headers: hit.headers })
    await next()
    const answer = rules.answer(c)
    if (answer?.status !== 200 || c.res.status !== 200 || answer.body.length > MAX_ENTRY) return
    // An answer made while the database changed (e.g. another connection's commit) may be older than its stamp.
    if (rules.stamp() === stamp && stamp === lastStamp)
      store(key, { status: answer.status, headers: answer.headers, body: answer.bytes ?? utf8.encode(answer.body) })
  }
}

/** The cache key every flavour uses: Host, Origin and the full URL (whose query carries the key). */
export function requestKey(c: Context): string {
  return `${c.req.header('Host') ?? ''}\n${c.req.header('Origin') ?? ''}\n${c.req.url}`
}
