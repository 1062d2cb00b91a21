import { Hono } from 'hono'
import { isAbsolute } from 'node:path'
import type { Deps } from '../deps.js'
import { plainJson } from '../http/respond.js'
import { FixtureError, loadFixture, type FixtureHooks } from '../fixtures/load.js'
import { apiSettingsSchema } from '../settings.js'
import { adminMessage as message, jsonObject } from './control.http.js'
import { createToolkit, type Toolkit } from './toolkit.js'
import { faultsRoutes } from './faults/faults.routes.js'
import { journalRoutes } from './journal/journal.routes.js'
import { snapshotsRoutes } from './snapshots/snapshots.routes.js'
import { seedRoutes } from './seed.routes.js'

/**
 * The toolkit's server-wide routes: faults, the request journal and snapshots. One set of state per server,
 * mounted at `/__admin` and, under `--flavor both`, also at `/s/__admin` beside the Omeka S control plane.
 */
export function toolkitRoutes(toolkit: Toolkit): Hono {
  const admin = new Hono()
  admin.route('/faults', faultsRoutes(toolkit.faults))
  admin.route('/requests', journalRoutes(toolkit.journal))
  admin.route('/snapshots', snapshotsRoutes(toolkit.snapshots))
  return admin
}

/**
 * `/__admin`: the control plane of shared/conformance/classic/CONTRACT.md (only with --control), plus
 * the test-double toolkit: faults, the request journal, snapshots and synthetic seeding.
 */
export function controlPlane(deps: Deps, hooks: FixtureHooks = {}, toolkit: Toolkit = createToolkit(deps)): Hono {
  const admin = new Hono()
  admin.route('/', toolkitRoutes(toolkit))
  admin.route('/seed', seedRoutes(deps, hooks))

  admin.post('/reset', async (c) => {
    const body = await jsonObject(c)
    if (!body) return message('The request body must be a JSON object.', 400)
    const fixture = body.fixture
    if (typeof fixture !== 'string') return message('"fixture" must be a string: the absolute path of a fixture directory.', 400)
    if (!isAbsolute(fixture)) return message(`"fixture" must be an absolute path: ${fixture}`, 400)
    try {
      loadFixture(deps, fixture, hooks)
    } catch (err) {
      if (err instanceof FixtureError) return message(`Invalid fixture: ${err.message}`, 400)
      return message(`Loading the fixture failed: ${(err as Error).message}`, 500)
    }
    return c.body(null, 204)
  })
  admin.all('/reset', () => message('Method not allowed: use POST.', 405))

  admin.patch('/settings', async (c) => {
    const body = await jsonObject(c)
    if (!body) return message('The request body must be a JSON object.', 400)
    const known = Object.keys(apiSettingsSchema.shape)
    for (const key of Object.keys(body)) if (!known.includes(key)) return message(`Unknown setting "${key}".`, 400)
    const parsed = apiSettingsSchema.partial().safeParse(body)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      return message(`Invalid value for "${issue.path.join('.')}": ${issue.message}`, 400)
    }
    const next = { ...deps.options.settings(), ...parsed.data }
    deps.options.set('api_settings', next)
    return plainJson(next, 200)
  })
  admin.all('/settings', (c) => (c.req.method === 'GET' ? plainJson(deps.options.settings(), 200) : message('Method not allowed: use PATCH.', 405)))

  return admin
}
