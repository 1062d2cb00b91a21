import type { Context, MiddlewareHandler } from 'hono'
import type { RequestJournal } from './journal.js'
import { CLASSIC_PATHS, type FlavourPaths } from '../../core/http/flavour-paths.js'
import { redactHeaders, redactUrl } from './journal.js'

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The request body's size: Content-Length when sent, else the bytes the body limit counted while reading it.
 * Never a copy of the body: measuring a chunked upload on a clone buffered all of it (gigabytes for a few
 * refused uploads).
 */
function bodySize(c: Context): number | null {
  const length = c.req.header('Content-Length')
  if (length !== undefined && /^\d+$/.test(length)) return Number(length)
  if (BODYLESS.has(c.req.method) || !c.req.raw.body) return null
  return c.get('requestBodyBytes') ?? null
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
        body_size: bodySize(c),
        status,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
        faults: c.get('faults') ?? [],
      })
    }
  }
}
