import { Hono } from 'hono'
import { adminMessage, describeIssue, jsonObject } from '../../control/control.http.js'
import { plainJson } from '../../core/http/respond.js'
import type { Deps } from '../deps.js'
import { seedSite } from '../synthetic/seed.js'
import { seedOptionsSchema } from '../synthetic/synthetic.schemas.js'

/**
 * `POST /__admin/seed {"items", "item_sets", "files", "private_ratio", "seed"}` (`/s/__admin/seed` under
 * `--flavor both`): replaces the Omeka S data with a synthetic site, as `seed --flavor s` does; answers its summary.
 */
export function seedRoutes(deps: Deps): Hono {
  const routes = new Hono()
  routes.post('/', async (c) => {
    const body = await jsonObject(c)
    if (!body) return adminMessage('The request body must be a JSON object (e.g. {"items": 100, "seed": 1}).', 400)
    const parsed = seedOptionsSchema.safeParse(body)
    if (!parsed.success) return adminMessage(describeIssue(parsed.error), 400)
    try {
      return plainJson(await seedSite(deps, parsed.data), 200)
    } catch (err) {
      return adminMessage(`Seeding failed: ${(err as Error).message}`, 500)
    }
  })
  routes.all('/', () => adminMessage('Method not allowed: use POST.', 405))
  return routes
}
