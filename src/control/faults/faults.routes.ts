import { Hono } from 'hono'
import { plainJson } from '../../core/http/respond.js'
import { adminMessage, describeIssue, readJsonBody } from '../control.http.js'
import type { FaultEngine } from './faults.engine.js'
import { faultSetSchema } from './faults.schemas.js'

/** `/__admin/faults`: PUT replaces the rules (a list, or `{"seed", "rules"}`), GET reads them, DELETE clears them. */
export function faultsRoutes(engine: FaultEngine): Hono {
  const routes = new Hono()
  routes.put('/', async (c) => {
    const body = await readJsonBody(c)
    if (body === undefined)
      return adminMessage('The request body must be JSON: a list of fault rules or {"seed": N, "rules": [...]}.', 400)
    const parsed = faultSetSchema.safeParse(body)
    if (!parsed.success) return adminMessage(describeIssue(parsed.error), 400)
    engine.set(parsed.data)
    return plainJson(engine.describe(), 200)
  })
  routes.get('/', () => plainJson(engine.describe(), 200))
  routes.delete('/', (c) => {
    engine.clear()
    return c.body(null, 204)
  })
  routes.all('/', () => adminMessage('Method not allowed: use GET, PUT or DELETE.', 405))
  return routes
}
