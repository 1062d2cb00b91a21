import { Hono } from 'hono'
import type { Deps } from '../../deps.js'
import { findActorByKey } from '../users/users.repo.js'

/**
 * Sends requests made with a super user's key to the API that has the import resources, and every
 * other request to the plain API. So `imports` is listed in `/api/resources` for super users only,
 * and everyone else sees exactly Omeka's API (the conformance suite's `/api/resources` included).
 */
export function superKeyGate(deps: Deps, plain: Hono, withImports: Hono): Hono {
  const gate = new Hono()
  gate.all('*', (c) => {
    const key = new URL(c.req.url).searchParams.get('key')
    const actor = key ? findActorByKey(deps.db, key) : null
    return (actor?.role === 'super' ? withImports : plain).fetch(c.req.raw, c.env)
  })
  return gate
}
