import { Hono } from 'hono'
import type { Deps } from '../deps.js'
import type { FixtureHooks } from '../fixtures/load.js'
import { plainJson } from '../../core/http/respond.js'
import { seedSite } from '../synthetic/seed.js'
import { seedOptionsSchema } from '../synthetic/synthetic.schemas.js'
import { adminMessage, describeIssue, jsonObject } from '../../control/control.http.js'

/** `POST /__admin/seed {"items", "collections", "files", "private_ratio", "seed", "locations_ratio", "exhibits"}`: replaces the site with a synthetic one. */
export function seedRoutes(deps: Deps, hooks: FixtureHooks): Hono {
  const routes = new Hono()
  routes.post('/', async (c) => {
    const body = await jsonObject(c)
    if (!body) return adminMessage('The request body must be a JSON object (e.g. {"items": 100, "seed": 1}).', 400)
    const parsed = seedOptionsSchema.safeParse(body)
    if (!parsed.success) return adminMessage(describeIssue(parsed.error), 400)
    return plainJson(await seedSite(deps, parsed.data, hooks), 200)
  })
  routes.all('/', () => adminMessage('Method not allowed: use POST.', 405))
  return routes
}
