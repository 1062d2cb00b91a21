import { Hono, type MiddlewareHandler } from 'hono'
import type { Deps } from './classic/deps.js'
import { classicApiWithPlugins, pluginFixtureHooks } from './classic/plugins/index.js'
import { controlPlane, toolkitRoutes } from './classic/control/control.routes.js'
import { filesWeb } from './classic/web/files.routes.js'
import { plainJson } from './core/http/respond.js'
import { corsMiddleware } from './core/http/cors.js'
import { flavourPaths } from './core/http/flavour-paths.js'
import { createToolkit } from './control/toolkit.js'
import { journalMiddleware } from './control/journal/journal.middleware.js'
import { faultsMiddleware } from './control/faults/faults.middleware.js'
import { importsResources } from './classic/api/imports/imports.routes.js'
import { ImportJobs } from './classic/importer/jobs.js'
import { sApp } from './omeka-s/index.js'
import { closeUnreadBodies, requestBodyLimit } from './core/http/body-limits.js'
import { LIMITS } from './core/http/limits.js'

/** Control-plane bodies are small JSON documents: anything bigger is refused before it is read. */
function controlBodyLimit(paths: ReturnType<typeof flavourPaths>): MiddlewareHandler {
  const limit = requestBodyLimit(LIMITS.controlBodyBytes, () =>
    plainJson({ message: `Request body too large: the maximum is ${LIMITS.controlBodyBytes} bytes.` }, 413),
  )
  return (c, next) => (paths.isAdmin(c.req.path) ? limit(c, next) : next())
}
import { openApiRoutes } from './openapi/openapi.routes.js'
import { adminRoutes } from './admin/admin.routes.js'

/** The whole HTTP application as a function of its dependencies; nothing here touches globals. */
export function createApp(deps: Deps): Hono {
  const app = new Hono()
  // Registered before the toolkit's middleware, so faults and the journal never touch the admin page or the
  // API reference (a rule on /* must not lock a person out of the panel that clears it). The page calls this
  // app's own API, as any client would, and those calls do meet faults and the journal.
  app.route('/admin', adminRoutes(deps, (request) => app.fetch(request)))
  app.route('/__openapi', openApiRoutes(deps))
  // Order matters: the journal sees the final response, CORS headers reach fault responses too,
  // and preflights are answered before faults and the Classic router.
  const toolkit = deps.config.control || deps.config.faults ? createToolkit(deps) : null
  const paths = flavourPaths(deps)
  app.use(closeUnreadBodies())
  if (deps.config.control) app.use(controlBodyLimit(paths))
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
  if (deps.s) app.route('/', sApp(deps.s))
  if (classic && toolkit && deps.config.control) app.route('/__admin', controlPlane(deps, pluginFixtureHooks(deps), toolkit))
  app.notFound((c) => (paths.isAdmin(c.req.path) ? plainJson({ message: 'Not found.' }, 404) : c.text('Not Found', 404)))
  app.onError((err) => {
    console.error(err)
    return plainJson({ message: 'Internal server error.' }, 500)
  })
  return app
}
