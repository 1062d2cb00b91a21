import type { IncomingMessage } from 'node:http'
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'

/**
 * Refuses a body over `maxBytes` before it is buffered: from its Content-Length, or as soon as a chunked
 * stream passes the limit. `refuse` renders the refusal in the flavour's error format.
 */
export function requestBodyLimit(maxBytes: number, refuse: (c: Context) => Response): MiddlewareHandler {
  return bodyLimit({ maxSize: maxBytes, onError: (c) => refuse(c) })
}

/** Bodies up to this size that were left unread are drained by the server and the connection kept. */
const DRAINED_BYTES = 64 * 1024

/**
 * When a request is answered (usually refused) before its body was read, and that body is large or of
 * unknown length, the answer says `Connection: close`: the client then opens a new connection for its next
 * request instead of having it reset while the rest of the refused body is still arriving.
 */
export function closeUnreadBodies(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
    if (!incoming || incoming.readableEnded || c.req.method === 'GET' || c.req.method === 'HEAD') return
    const length = c.req.header('Content-Length')
    const large = length === undefined ? c.req.header('Transfer-Encoding') !== undefined : Number(length) > DRAINED_BYTES
    if (!large) return
    try {
      c.res.headers.set('Connection', 'close')
    } catch {
      // Immutable headers (a response passed through as is): copy it.
      c.res = new Response(c.res.body, c.res)
      c.res.headers.set('Connection', 'close')
    }
  }
}
