import type { MiddlewareHandler } from 'hono'
import { CLASSIC_PATHS, type ApiFlavour, type FlavourPaths } from './flavour-paths.js'

/** Who may call the API from a browser: exact origins, or `*` for any. */
export interface CorsConfig {
  origins: string[]
}

// What each API's clients need: Classic's total header; Omeka S's total and version headers, and PATCH.
const EXPOSED: Record<ApiFlavour, string> = {
  classic: 'Link, Omeka-Total-Results',
  s: 'Link, Omeka-S-Total-Results, Omeka-S-Version',
}
const METHODS: Record<ApiFlavour, string> = { classic: 'GET, POST, PUT, DELETE', s: 'GET, POST, PUT, PATCH, DELETE' }
const DEFAULT_HEADERS = 'Content-Type, X-HTTP-Method-Override'
const MAX_AGE = '600'

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
 * CORS for the APIs and their files (`/api`, `/files`; Omeka S's `/s/api`, `/s/api-context`, `/s/files` under
 * `--flavor both`). A preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered here, before
 * the routers, which answer any other OPTIONS with Omeka's 405. Other requests from an allowed origin get the
 * headers browsers need to read `Link` and the total.
 */
export function corsMiddleware(config: CorsConfig, paths: FlavourPaths = CLASSIC_PATHS): MiddlewareHandler {
  return async (c, next) => {
    const flavour = paths.apiFlavour(c.req.path)
    if (!flavour) return next()
    const allow = allowedOrigin(config, c.req.header('Origin'))
    if (!allow) return next()
    const vary = allow === '*' ? {} : { Vary: 'Origin' }
    const requestedMethod = c.req.header('Access-Control-Request-Method')
    if (c.req.method === 'OPTIONS' && requestedMethod) {
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': allow,
          'Access-Control-Allow-Methods': METHODS[flavour],
          'Access-Control-Allow-Headers': c.req.header('Access-Control-Request-Headers') ?? DEFAULT_HEADERS,
          'Access-Control-Max-Age': MAX_AGE,
          ...(allow === '*' ? {} : { Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' }),
        },
      })
    }
    await next()
    c.res.headers.set('Access-Control-Allow-Origin', allow)
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSED[flavour])
    for (const [k, v] of Object.entries(vary)) c.res.headers.append(k, v)
  }
}
