import type { Context, MiddlewareHandler } from 'hono'
import type { RequestJournal } from './journal.js'
import { CLASSIC_PATHS, type FlavourPaths } from '../../core/http/flavour-paths.js'
import { redactHeaders, redactUrl } from './journal.js'

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The request body's size: Content-Length when sent, else measured on a copy (chunked uploads). */
function bodySize(c: Context): Promise<number | null> {
  const length = c.req.header('Content-Length')
  if (length !== undefined && /^\d+$/.test(length)) return Promise.resolve(Number(length))
  if (BODYLESS.has(c.req.method) || !c.req.raw.body) return Promise.resolve(null)
  return c.req.raw
    .clone()
    .arrayBuffer()
    .then((b) => b.byteLength)
    .catch(() => null)
}

/**
 * Records every request outside the control planes (/__admin, /s/__admin) in the journal, after the response is
 * known (its status, how long it took, which faults fired). A dropped connection is recorded with status 0.
 */
export function journalMiddleware(journal: RequestJournal, paths: FlavourPaths = CLASSIC_PATHS): MiddlewareHandler {
  return async (c, next) => {
    if (journal.size === 0 || paths.isAdmin(c.req.path)) return next()
    const started = performance.now()
    const time = new Date().toISOString()
    const size = bodySize(c)
    let status = 0
    try {
      await next()
      status = c.res.status === 444 ? 0 : c.res.status
    } finally {
      journal.record({
        time,
        method: c.req.method,
        url: redactUrl(c.req.url),
        headers: redactHeaders(c.req.raw.headers),
        body_size: await size,
        status,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
        faults: c.get('faults') ?? [],
      })
    }
  }
}
