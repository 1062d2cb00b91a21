import { timingSafeEqual, createHash } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { RuntimeConfig } from '../config.js'
import { isLoopbackHost } from '../core/http/loopback.js'

export { isLoopbackHost }
import type { FlavourPaths } from '../core/http/flavour-paths.js'
import { adminMessage } from './control.http.js'

const JSON_TYPE = /^application\/json\s*(;|$)/i

// A body declared by its headers, or a Content-Type sent (in-process requests carry no Content-Length).
function sendsBody(headers: Headers): boolean {
  const length = headers.get('content-length')
  return (length !== null && length !== '0') || headers.has('transfer-encoding') || headers.has('content-type')
}

// Both sides hashed first: equal lengths for timingSafeEqual, and no early exit on a length mismatch.
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(given), digest(expected))
}

/**
 * Guards the control planes (`/__admin`, `/s/__admin`) against other programs that can reach the port:
 * - with `controlToken`, every request must carry `Authorization: Bearer <token>` (401 otherwise);
 * - a request with an `Origin` other than the server's own (or one named by `--cors-origin`) is refused (403):
 *   a web page the developer visits must not reset their data;
 * - a body must be `application/json` (415): a browser sends text/plain or form bodies cross-origin without a
 *   preflight, so reading any body as JSON let any page POST /__admin/reset or /seed.
 */
export function controlGuard(
  config: Pick<RuntimeConfig, 'controlToken' | 'cors' | 'baseUrl'>,
  paths: FlavourPaths,
): MiddlewareHandler {
  const listed = new Set((config.cors?.origins ?? []).filter((o) => o !== '*'))
  if (config.baseUrl) listed.add(new URL(config.baseUrl).origin)
  return async (c, next) => {
    if (!paths.isAdmin(c.req.path)) return next()
    const token = config.controlToken
    if (token !== undefined) {
      const auth = c.req.header('Authorization') ?? ''
      const given = /^Bearer (.+)$/i.exec(auth)?.[1]
      if (given === undefined || !sameSecret(given, token)) {
        const res = adminMessage('The control plane needs its token: Authorization: Bearer <--control-token>.', 401)
        res.headers.set('WWW-Authenticate', 'Bearer realm="omeka-twin control plane"')
        return res
      }
    }
    const origin = c.req.header('Origin')
    if (origin !== undefined && origin !== new URL(c.req.url).origin && !listed.has(origin)) {
      return adminMessage(`Requests from origin ${origin} may not use the control plane.`, 403)
    }
    if (sendsBody(c.req.raw.headers) && !JSON_TYPE.test(c.req.header('Content-Type') ?? '')) {
      return adminMessage('The request body must be JSON, sent with Content-Type: application/json.', 415)
    }
    return next()
  }
}
