import { Hono } from 'hono'
import type { Deps } from '../deps.js'
import { FixtureError, loadFixture, type FixtureHooks } from '../fixtures/load.js'
import { apiSettingsSchema } from '../settings.js'
import { contractRoutes } from '../../control/contract.routes.js'
import { createToolkit, type Toolkit } from '../../control/toolkit.js'
import { faultsRoutes } from '../../control/faults/faults.routes.js'
import { journalRoutes } from '../../control/journal/journal.routes.js'
import { snapshotsRoutes } from '../../control/snapshots/snapshots.routes.js'
import { seedRoutes } from './seed.routes.js'
import { classicSnapshotPart } from './snapshot-part.js'
import { ResetTemplates } from '../../control/templates.js'
import { readActivePlugins } from '../plugins/index.js'

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
export function controlPlane(
  deps: Deps,
  hooks: FixtureHooks = {},
  toolkit: Toolkit = createToolkit(deps.config, [classicSnapshotPart(deps)]),
): Hono {
  const admin = new Hono()
  admin.route('/', toolkitRoutes(toolkit))
  admin.route('/seed', seedRoutes(deps, hooks))
  const templates = new ResetTemplates(
    {
      db: deps.db.$client,
      filesRoot: deps.files.root,
      wipeFiles: () => deps.files.wipe(),
      afterRestore: () => {
        deps.options.invalidate()
        deps.plugins.active = readActivePlugins(deps.db)
      },
      health: deps.health,
    },
    () => deps.files.generation,
  )

  admin.route(
    '/',
    contractRoutes({
      load: (dir) => templates.reset(dir, () => loadFixture(deps, dir, hooks)),
      isFixtureError: (err) => err instanceof FixtureError,
      settingsSchema: apiSettingsSchema,
      readSettings: () => deps.options.settings(),
      writeSettings: (next) => deps.options.set('api_settings', next),
      bugCompat: { set: (on) => (deps.config.bugCompat = on) },
    }),
  )

  return admin
}
