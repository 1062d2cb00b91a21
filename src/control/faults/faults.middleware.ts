import type { Context, MiddlewareHandler } from 'hono'
import { parsePhpQuery, scalarParam } from '../../core/http/php-query.js'
import { plainJson } from '../../core/http/respond.js'
import type { ApiFlavour, FlavourPaths } from '../../core/http/flavour-paths.js'
import type { AppliedFault, FaultEngine } from './faults.engine.js'
import {
  dropConnection,
  htmlResponse,
  sleep,
  slowBody,
  statusResponse,
  truncatedBody,
  type StatusEffect,
} from './faults.effects.js'

/** The key a request carries, read as PHP reads the query: Classic's `key`, else Omeka S's `key_identity`. */
export function queryKey(url: string): string | undefined {
  const q = url.indexOf('?')
  if (q < 0) return undefined
  const query = parsePhpQuery(url.slice(q + 1))
  return scalarParam(query, 'key') ?? scalarParam(query, 'key_identity')
}

/** What the `api_disabled` fault asks of the Classic flavour, at the point Omeka's router would. */
export interface ClassicGate {
  /** A reset failed part-way (the API answers that first). */
  broken(): boolean
  /** Whether a key belongs to a user (an invalid key is answered first). */
  knowsKey(key: string): boolean
}

/**
 * Classic's `api_enable` off for one request, at the point Omeka's router checks it: a broken site and an
 * invalid key still answer first (the router does that), so those requests pass through. Omeka S has no
 * such switch, so S requests pass through too (docs: use a 403 status rule there).
 */
function apiDisabled(c: Context, classic: ClassicGate | undefined, flavour: ApiFlavour | null): Response | null {
  if (!classic || flavour !== 'classic' || c.req.path.startsWith('/files/') || classic.broken()) return null
  const key = queryKey(c.req.url)
  if (key !== undefined && !classic.knowsKey(key)) return null
  return plainJson({ message: 'API is disabled' }, 403)
}

/** A fault that answers in place of the app, if one fired. */
function terminalResponse(
  c: Context,
  classic: ClassicGate | undefined,
  sStatus: StatusRenderer | undefined,
  flavour: ApiFlavour | null,
  applied: AppliedFault[],
): Response | null {
  for (const { effect } of applied) {
    if (effect.type === 'status') return (flavour === 's' && sStatus ? sStatus : statusResponse)(effect)
    if (effect.type === 'drop') return dropConnection(c)
    if (effect.type === 'html') return htmlResponse(effect)
    if (effect.type === 'api_disabled') {
      const res = apiDisabled(c, classic, flavour)
      if (res) return res
    }
  }
  return null
}

/**
 * Applies the fault rules to every request outside the control planes (Classic and Omeka S alike): latency
 * first, then a replacement response (status, html, drop, api_disabled), else the app's response with its body
 * slowed or cut.
 */
/** How a flavour other than Classic answers a `status` fault (Omeka S: its `errors` shape). */
export type StatusRenderer = (effect: StatusEffect) => Response

export function faultsMiddleware(
  engine: FaultEngine,
  paths: FlavourPaths,
  classic?: ClassicGate,
  sStatus?: StatusRenderer,
): MiddlewareHandler {
  return async (c, next) => {
    if (engine.empty || paths.isAdmin(c.req.path)) return next()
    const applied = engine.decide({ method: c.req.method, path: c.req.path, key: queryKey(c.req.url) })
    if (applied.length === 0) return next()
    c.set('faults', applied)
    const delay = applied.reduce((sum, f) => sum + (f.delay_ms ?? 0), 0)
    if (delay > 0) await sleep(delay)
    const replaced = terminalResponse(c, classic, sStatus, paths.apiFlavour(c.req.path), applied)
    if (replaced) return replaced
    await next()
    for (const { effect } of applied) {
      if (effect.type === 'slow_body') c.res = await slowBody(c.res, effect)
      else if (effect.type === 'truncate') c.res = await truncatedBody(c, c.res, effect)
    }
  }
}
