import type { MiddlewareHandler } from 'hono'

/** Who may call the API from a browser: exact origins, or `*` for any. */
export interface CorsConfig {
  origins: string[]
}

const EXPOSED = 'Link, Omeka-Total-Results'
const METHODS = 'GET, POST, PUT, DELETE'
const DEFAULT_HEADERS = 'Content-Type, X-HTTP-Method-Override'
const MAX_AGE = '600'

const isCorsPath = (path: string) => path === '/api' || path.startsWith('/api/') || path.startsWith('/files/')

/** The Access-Control-Allow-Origin value for a request's Origin, or null when it is not allowed. */
export function allowedOrigin(config: CorsConfig, origin: string | undefined): string | null {
  if (!origin) return null
  if (config.origins.includes('*')) return '*'
  return config.origins.includes(origin) ? origin : null
}

/** Parses `--cors-origin` / OMEKA_TWIN_CORS_ORIGINS: a comma-separated list of origins, or `*`. */
export function parseCorsOrigins(list: string): string[] {
  return list
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter((o) => o !== '')
}

/**
 * CORS for /api and /files. A preflight (OPTIONS with Origin and Access-Control-Request-Method) is
 * answered here, before the Classic router, which answers any other OPTIONS with Omeka's 405.
 * Other requests from an allowed origin get the headers browsers need to read `Link` and the total.
 */
export function corsMiddleware(config: CorsConfig): MiddlewareHandler {
  return async (c, next) => {
    if (!isCorsPath(c.req.path)) return next()
    const allow = allowedOrigin(config, c.req.header('Origin'))
    if (!allow) return next()
    const vary = allow === '*' ? {} : { Vary: 'Origin' }
    const requestedMethod = c.req.header('Access-Control-Request-Method')
    if (c.req.method === 'OPTIONS' && requestedMethod) {
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': allow,
          'Access-Control-Allow-Methods': METHODS,
          'Access-Control-Allow-Headers': c.req.header('Access-Control-Request-Headers') ?? DEFAULT_HEADERS,
          'Access-Control-Max-Age': MAX_AGE,
          ...(allow === '*' ? {} : { Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' }),
        },
      })
    }
    await next()
    c.res.headers.set('Access-Control-Allow-Origin', allow)
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSED)
    for (const [k, v] of Object.entries(vary)) c.res.headers.append(k, v)
  }
}
