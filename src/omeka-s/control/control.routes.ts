import { Hono } from 'hono'
import { contractRoutes } from '../../control/contract.routes.js'
import type { Deps } from '../deps.js'
import { loadFixture } from '../fixtures/load.js'
import { FixtureError } from '../fixtures/read.js'
import { readSettings, globalSettingsSchema, writeSettings } from '../settings.js'
import { seedRoutes } from './seed.routes.js'
import { ResetTemplates } from '../../control/templates.js'

/** `/__admin` for the Omeka S flavour (conformance/s/CONTRACT.md) plus synthetic seeding; only with --control. */
export function controlPlane(deps: Deps): Hono {
  const admin = new Hono()
  admin.route('/seed', seedRoutes(deps))
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
      load: (dir) => templates.reset(dir, () => loadFixture(deps, dir)),
      isFixtureError: (err) => err instanceof FixtureError,
      settingsSchema: globalSettingsSchema,
      readSettings: () => readSettings(deps.db),
      writeSettings: (next) => writeSettings(deps.db, next),
      bugCompat: { set: (on) => (deps.config.bugCompat = on) },
    }),
  )

  return admin
}
