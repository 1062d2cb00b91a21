import { Hono } from 'hono'
import type { Deps } from './deps.js'
import { classicApiWithPlugins, pluginFixtureHooks } from './plugins/index.js'
import { controlPlane, toolkitRoutes } from './control/control.routes.js'
import { filesWeb } from './web/files.routes.js'
import { plainJson } from './http/respond.js'
import { corsMiddleware } from './http/cors.js'
import { flavourPaths } from './http/flavour-paths.js'
import { createToolkit } from './control/toolkit.js'
import { journalMiddleware } from './control/journal/journal.middleware.js'
import { faultsMiddleware } from './control/faults/faults.middleware.js'
import { importsResources } from './classic/imports/imports.routes.js'
import { ImportJobs } from './importer/jobs.js'

/** The whole HTTP application as a function of its dependencies; nothing here touches globals. */
export function createApp(deps: Deps): Hono {
  const app = new Hono()
  // Order matters: the journal sees the final response, CORS headers reach fault responses too,
  // and preflights are answered before faults and the Classic router.
  const toolkit = deps.config.control || deps.config.faults ? createToolkit(deps) : null
  const paths = flavourPaths(deps)
  if (toolkit && deps.config.control) app.use(journalMiddleware(toolkit.journal, paths))
  if (deps.config.cors) app.use(corsMiddleware(deps.config.cors, paths))
  if (toolkit) app.use(faultsMiddleware(toolkit.faults, deps))
  deps.imports ??= new ImportJobs(deps)
  // `--flavor s` serves only Omeka S at /api; `both` adds it under /s (see src/omeka-s).
  const classic = deps.config.flavor !== 's'
  if (classic) app.route('/api', classicApiWithPlugins(deps, importsResources(deps.imports)))
  if (classic) app.route('/files', filesWeb(deps))
  // Omeka S's control plane (reset, settings, seed) gets the server-wide toolkit routes beside it.
  if (deps.s && toolkit && deps.config.control) app.route(`${deps.s.mount}/__admin`, toolkitRoutes(toolkit))
  if (deps.s) app.route('/', deps.s.app(deps.s))
  if (classic && toolkit && deps.config.control) app.route('/__admin', controlPlane(deps, pluginFixtureHooks(deps), toolkit))
  app.notFound((c) => (paths.isAdmin(c.req.path) ? plainJson({ message: 'Not found.' }, 404) : c.text('Not Found', 404)))
  app.onError((err) => {
    console.error(err)
    return plainJson({ message: 'Internal server error.' }, 500)
  })
  return app
}
