import { Hono } from 'hono'
import { contractRoutes } from '../../control/contract.routes.js'
import type { SDeps } from '../deps.js'
import { loadSFixture } from '../fixtures/load.js'
import { SFixtureError } from '../fixtures/read.js'
import { readSettings, sSettingsSchema, writeSettings } from '../settings.js'
import { sSeedRoutes } from './seed.routes.js'
import { ResetTemplates } from '../../control/templates.js'

/** `/__admin` for the Omeka S flavour (conformance/s/CONTRACT.md) plus synthetic seeding; only with --control. */
export function sControlPlane(deps: SDeps): Hono {
  const admin = new Hono()
  admin.route('/seed', sSeedRoutes(deps))
  const templates = new ResetTemplates(
    {
      db: deps.db.$client,
      filesRoot: deps.files.root,
      wipeFiles: () => deps.files.wipe(),
      afterRestore: () => undefined,
      health: deps.health,
    },
    () => deps.files.generation,
  )

  admin.route(
    '/',
    contractRoutes({
      load: (dir) => templates.reset(dir, () => loadSFixture(deps, dir)),
      isFixtureError: (err) => err instanceof SFixtureError,
      settingsSchema: sSettingsSchema,
      readSettings: () => readSettings(deps.db),
      writeSettings: (next) => writeSettings(deps.db, next),
      bugCompat: { set: (on) => (deps.config.bugCompat = on) },
    }),
  )

  return admin
}
