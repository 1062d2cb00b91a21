import { Hono } from 'hono'
import { isAbsolute } from 'node:path'
import { plainJson } from '../../http/respond.js'
import { adminMessage as message, jsonObject } from '../../control/control.http.js'
import type { SDeps } from '../deps.js'
import { loadSFixture } from '../fixtures/load.js'
import { SFixtureError } from '../fixtures/read.js'
import { readSettings, sSettingsSchema, writeSettings } from '../settings.js'
import { sSeedRoutes } from './seed.routes.js'

/** `/__admin` for the Omeka S flavour (conformance/s/CONTRACT.md) plus synthetic seeding; only with --control. */
export function sControlPlane(deps: SDeps): Hono {
  const admin = new Hono()
  admin.route('/seed', sSeedRoutes(deps))

  admin.post('/reset', async (c) => {
    const body = await jsonObject(c)
    if (!body) return message('The request body must be a JSON object.', 400)
    const fixture = body.fixture
    if (typeof fixture !== 'string') return message('"fixture" must be a string: the absolute path of a fixture directory.', 400)
    if (!isAbsolute(fixture)) return message(`"fixture" must be an absolute path: ${fixture}`, 400)
    try {
      loadSFixture(deps, fixture)
    } catch (err) {
      if (err instanceof SFixtureError) return message(`Invalid fixture: ${err.message}`, 400)
      return message(`Loading the fixture failed: ${(err as Error).message}`, 500)
    }
    return c.body(null, 204)
  })
  admin.all('/reset', () => message('Method not allowed: use POST.', 405))

  admin.patch('/settings', async (c) => {
    const body = await jsonObject(c)
    if (!body) return message('The request body must be a JSON object.', 400)
    const known = Object.keys(sSettingsSchema.shape)
    for (const key of Object.keys(body)) if (!known.includes(key)) return message(`Unknown setting "${key}".`, 400)
    const parsed = sSettingsSchema.partial().safeParse(body)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      return message(`Invalid value for "${issue.path.join('.')}": ${issue.message}`, 400)
    }
    const next = sSettingsSchema.parse({ ...readSettings(deps.db), ...parsed.data })
    writeSettings(deps.db, next)
    return plainJson(next, 200)
  })
  admin.all('/settings', (c) => (c.req.method === 'GET' ? plainJson(readSettings(deps.db), 200) : message('Method not allowed: use PATCH.', 405)))

  return admin
}
