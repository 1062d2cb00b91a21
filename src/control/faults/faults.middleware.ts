import type { Context, MiddlewareHandler } from 'hono'
import type { Deps } from '../../classic/deps.js'
import { parsePhpQuery, scalarParam } from '../../core/http/php-query.js'
import { plainJson } from '../../core/http/respond.js'
import { findActorByKey } from '../../classic/api/users/users.repo.js'
import { flavourPaths, type ApiFlavour } from '../../core/http/flavour-paths.js'
import type { AppliedFault, FaultEngine } from './faults.engine.js'
import { dropConnection, sleep, slowBody, statusResponse, sStatusResponse, truncatedBody } from './faults.effects.js'

/** The key a request carries, read as PHP reads the query: Classic's `key`, else Omeka S's `key_identity`. */
export function queryKey(url: string): string | undefined {
  const q = url.indexOf('?')
  if (q < 0) return undefined
  const query = parsePhpQuery(url.slice(q + 1))
  return scalarParam(query, 'key') ?? scalarParam(query, 'key_identity')
}

/**
 * Classic's `api_enable` off for one request, at the point Omeka's router checks it: a broken site and an
 * invalid key still answer first (the router does that), so those requests pass through. Omeka S has no
 * such switch, so S requests pass through too (docs: use a 403 status rule there).
 */
function apiDisabled(c: Context, deps: Deps, flavour: ApiFlavour | null): Response | null {
  if (flavour !== 'classic' || c.req.path.startsWith('/files/') || deps.health.broken) return null
  const key = queryKey(c.req.url)
  if (key !== undefined && !findActorByKey(deps.db, key)) return null
  return plainJson({ message: 'API is disabled' }, 403)
}

/** A fault that answers in place of the app, if one fired. */
function terminalResponse(c: Context, deps: Deps, flavour: ApiFlavour | null, applied: AppliedFault[]): Response | null {
  for (const { effect } of applied) {
    if (effect.type === 'status') return flavour === 's' ? sStatusResponse(effect) : statusResponse(effect)
    if (effect.type === 'drop') return dropConnection(c)
    if (effect.type === 'api_disabled') {
      const res = apiDisabled(c, deps, flavour)
      if (res) return res
    }
  }
  return null
}

/**
 * Applies the fault rules to every request outside the control planes (Classic and Omeka S alike): latency
 * first, then a replacement response (status, drop, api_disabled), else the app's response with its body
 * slowed or cut.
 */
export function faultsMiddleware(engine: FaultEngine, deps: Deps): MiddlewareHandler {
  const paths = flavourPaths(deps)
  return async (c, next) => {
    if (engine.empty || paths.isAdmin(c.req.path)) return next()
    const applied = engine.decide({ method: c.req.method, path: c.req.path, key: queryKey(c.req.url) })
    if (applied.length === 0) return next()
    c.set('faults', applied)
    const delay = applied.reduce((sum, f) => sum + (f.delay_ms ?? 0), 0)
    if (delay > 0) await sleep(delay)
    const replaced = terminalResponse(c, deps, paths.apiFlavour(c.req.path), applied)
    if (replaced) return replaced
    await next()
    for (const { effect } of applied) {
      if (effect.type === 'slow_body') c.res = await slowBody(c.res, effect)
      else if (effect.type === 'truncate') c.res = await truncatedBody(c, c.res, effect)
    }
  }
}
