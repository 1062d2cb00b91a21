import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { Context, MiddlewareHandler } from 'hono'

/**
 * Refuses a body over `maxBytes` before it is buffered: from its Content-Length, or as soon as a chunked
 * stream passes the limit. `refuse` renders the refusal in the flavour's error format. A chunked body is read
 * from Node's stream itself: through the web stream of the request, Node 20 queues up to 16,384 chunks ahead
 * of the reader (gigabytes for a fast sender), which hono's bodyLimit reads from.
 */
export function requestBodyLimit(maxBytes: number, refuse: (c: Context) => Response): MiddlewareHandler {
  return async (c, next) => {
    // Headers only: touching `c.req.raw.body` starts @hono/node-server's web stream, which pauses Node's stream.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const length = c.req.header('Content-Length')
    const chunked = c.req.header('Transfer-Encoding') !== undefined
    if (length !== undefined && !chunked) return Number(length) > maxBytes ? refuse(c) : next()
    const incoming = nodeIncoming(c)
    const body = incoming ? null : c.req.raw.body
    const counted = { size: 0 }
    const bytes = incoming
      ? await readNodeBody(incoming, maxBytes, counted)
      : body
        ? await readWebBody(body, maxBytes, counted)
        : Buffer.alloc(0)
    c.set('requestBodyBytes', counted.size)
    if (bytes === null) return refuse(c)
    c.req.raw = new Request(c.req.raw, { body: bytes as Uint8Array<ArrayBuffer> })
    return next()
  }
}

const nodeIncoming = (c: Context): IncomingMessage | undefined =>
  (c.env as { incoming?: IncomingMessage } | undefined)?.incoming

/** The whole body, or null as soon as it passes `max` (what follows is left to closeUnreadBodies). */
function readNodeBody(incoming: IncomingMessage, max: number, counted: { size: number }): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = (v: Buffer | null, err?: unknown) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError)
      if (err) reject(err)
      else resolve(v)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      counted.size = size
      if (size > max) done(null)
      else chunks.push(chunk)
    }
    const onEnd = () => done(Buffer.concat(chunks))
    const onError = (err: unknown) => done(null, err)
    incoming.on('data', onData).on('end', onEnd).on('error', onError)
  })
}

async function readWebBody(
  body: ReadableStream<Uint8Array>,
  max: number,
  counted: { size: number },
): Promise<Buffer | null> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return Buffer.concat(chunks)
    size += value.length
    counted.size = size
    if (size > max) {
      void reader.cancel()
      return null
    }
    chunks.push(value)
  }
}

/** Bodies up to this size that were left unread are drained by the server and the connection kept. */
const DRAINED_BYTES = 64 * 1024
/** How long a closing connection keeps reading (and discarding) what the client is still sending. */
const LINGER_MS = 2000

/**
 * What follows of a refused body is read and dropped, never queued: the web stream over the request (Node 20's
 * Readable.toWeb) counts its queue in chunks, not bytes, and kept buffering a refused chunked upload after the
 * limit, up to gigabytes (four refused 400 MB chunked uploads: 2.9 GB of RSS). Node's own `_dump()` does
 * the same for a body nobody started reading.
 */
function discardRest(incoming: IncomingMessage): void {
  incoming.removeAllListeners('data')
  incoming.resume()
}

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
    const incoming = nodeIncoming(c)
    if (!incoming || incoming.readableEnded || c.req.method === 'GET' || c.req.method === 'HEAD') return
    const length = c.req.header('Content-Length')
    const large =
      length === undefined ? c.req.header('Transfer-Encoding') !== undefined : Number(length) > DRAINED_BYTES
    if (!large) return
    discardRest(incoming)
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

declare module 'hono' {
  interface ContextVariableMap {
    /** Bytes of a body without Content-Length, as counted while reading it (the request journal's body_size). */
    requestBodyBytes: number
  }
}
