import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Context } from 'hono'
import { plainJson } from '../../core/http/respond.js'
import type { FaultEffect } from './faults.schemas.js'

type SlowBody = Extract<FaultEffect, { type: 'slow_body' }>
type Truncate = Extract<FaultEffect, { type: 'truncate' }>
export type HtmlEffect = Extract<FaultEffect, { type: 'html' }>

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The Node request behind a Hono context, when served by @hono/node-server (absent under app.request()). */
function incomingOf(c: Context): IncomingMessage | undefined {
  const env = c.env as { incoming?: IncomingMessage } | undefined
  return env?.incoming
}

export type StatusEffect = Extract<FaultEffect, { type: 'status' }>

export const retryAfter = (effect: StatusEffect): Record<string, string> =>
  effect.retry_after !== undefined ? { 'Retry-After': String(effect.retry_after) } : {}
export const statusText = (effect: StatusEffect) =>
  effect.message ?? STATUS_CODES[effect.status] ?? `HTTP ${effect.status}`

/** A status fault: Omeka Classic's error shape, `{"message": ...}`, with Retry-After when asked for. */
export function statusResponse(effect: StatusEffect): Response {
  return plainJson({ message: statusText(effect) }, effect.status, retryAfter(effect))
}

/** nginx's own error page (its `error_page` default), byte for byte as nginx 1.x sends it. */
const nginxPage = (title: string) =>
  `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`

/** What PHP prints for an uncaught error with display_errors on (the HTML error format), then stops. */
const phpPage = () =>
  '<br />\n<b>Fatal error</b>:  Uncaught Zend_Db_Adapter_Exception: SQLSTATE[HY000] [2002] Connection refused in /var/www/html/application/libraries/Zend/Db/Adapter/Pdo/Abstract.php:144\nStack trace:\n#0 {main}\n  thrown in <b>/var/www/html/application/libraries/Zend/Db/Adapter/Pdo/Abstract.php</b> on line <b>144</b><br />\n'

/**
 * An `html` fault: an HTML page with `Content-Type: text/html` where the API answers JSON, as a proxy (nginx's
 * 502/503/504 page) or a broken PHP origin (a fatal error, often with status 200) sends it.
 */
export function htmlResponse(effect: HtmlEffect): Response {
  const style = effect.style ?? (effect.status >= 502 && effect.status <= 504 ? 'nginx' : 'php')
  const title = `${effect.status} ${STATUS_CODES[effect.status] ?? 'Error'}`
  const headers: Record<string, string> = {
    'Content-Type': 'text/html; charset=UTF-8',
    ...(effect.retry_after !== undefined ? { 'Retry-After': String(effect.retry_after) } : {}),
    ...(style === 'nginx' ? { Server: 'nginx' } : { 'X-Powered-By': 'PHP/8.1.2' }),
  }
  return new Response(style === 'nginx' ? nginxPage(title) : phpPage(), { status: effect.status, headers })
}

/**
 * Drops the connection: the socket is destroyed before any byte of a response is written, so the
 * client sees a network error. Without a socket (in-process app.request()) the request fails instead.
 */
export function dropConnection(c: Context): Response {
  const incoming = incomingOf(c)
  if (!incoming) throw new Error('Connection dropped by a fault rule.')
  incoming.socket.destroy()
  return new Response(null, { status: 444 })
}

/** The response's bytes sent in small chunks with a pause between them. */
export async function slowBody(res: Response, effect: SlowBody): Promise<Response> {
  if (!res.body) return res
  const bytes = new Uint8Array(await res.arrayBuffer())
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (let at = 0; at < bytes.length; at += effect.chunk_bytes) {
        if (at > 0) await sleep(effect.interval_ms)
        controller.enqueue(bytes.subarray(at, at + effect.chunk_bytes))
      }
      controller.close()
    },
  })
  return new Response(body, { status: res.status, headers: res.headers })
}

/**
 * The first `bytes` of the response, then the connection is cut. Content-Length keeps the full size,
 * so a client can tell the body is short; the stream errors so no clean end is ever sent.
 */
export async function truncatedBody(c: Context, res: Response, effect: Truncate): Promise<Response> {
  if (!res.body) return res
  const bytes = new Uint8Array(await res.arrayBuffer())
  const incoming = incomingOf(c)
  const headers = new Headers(res.headers)
  headers.set('Content-Length', String(bytes.length))
  const prefix = bytes.subarray(0, Math.min(effect.bytes, bytes.length))
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(prefix)
      // Over a socket, cutting it is the fault: the response ends short of its Content-Length and the
      // socket is destroyed once headers and prefix have been handed to the OS ('finish'). A fixed pause
      // before the cut lost the race on a loaded machine (the socket closed before the headers left).
      // In-process the stream itself has to fail.
      if (incoming && outgoing) {
        outgoing.once('finish', () => incoming.socket.destroy())
        controller.close()
      } else controller.error(new Error('Body truncated by a fault rule.'))
    },
  })
  return new Response(body, { status: res.status, headers })
}
