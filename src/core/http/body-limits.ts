import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
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
/** How long a closing connection keeps reading (and discarding) what the client is still sending. */
const LINGER_MS = 2000

/**
 * A lingering close: when Node closes the connection after the answer, it half-closes and keeps discarding
 * the rest of the refused body until the client, having read the answer, closes its side (or LINGER_MS
 * pass). Closing at once would reset the connection while the client is still writing, and a reset can
 * discard the answer before the client reads it (EPIPE/ECONNRESET instead of the 413).
 */
function lingerOnClose(incoming: IncomingMessage): void {
  const socket = incoming.socket as Socket & { destroySoon?: () => void }
  socket.destroySoon = () => {
    socket.end()
    socket.resume()
    const timer = setTimeout(() => socket.destroy(), LINGER_MS)
    timer.unref()
    socket.once('close', () => clearTimeout(timer))
    socket.once('end', () => socket.destroy())
  }
}

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
    lingerOnClose(incoming)
    try {
      c.res.headers.set('Connection', 'close')
    } catch {
      // Immutable headers (a response passed through as is): copy it.
      c.res = new Response(c.res.body, c.res)
      c.res.headers.set('Connection', 'close')
    }
  }
}
