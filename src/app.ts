import { Hono, type MiddlewareHandler } from 'hono'
import type { RuntimeConfig } from './config.js'
import type { Deps as ClassicDeps } from './classic/deps.js'
import { classicApiWithPlugins, pluginFixtureHooks } from './classic/plugins/index.js'
import { controlPlane, toolkitRoutes } from './classic/control/control.routes.js'
import { classicSnapshotPart } from './classic/control/snapshot-part.js'
import { filesWeb } from './classic/web/files.routes.js'
import { findActorByKey } from './classic/api/users/users.repo.js'
import { importsResources } from './classic/api/imports/imports.routes.js'
import { ImportJobs } from './classic/importer/jobs.js'
import { plainJson } from './core/http/respond.js'
import { corsMiddleware } from './core/http/cors.js'
import { flavourPaths } from './core/http/flavour-paths.js'
import { closeUnreadBodies, requestBodyLimit } from './core/http/body-limits.js'
import { LIMITS } from './core/http/limits.js'
import { createToolkit } from './control/toolkit.js'
import { controlGuard } from './control/control.guard.js'
import { journalMiddleware } from './control/journal/journal.middleware.js'
import { faultsMiddleware } from './control/faults/faults.middleware.js'
import type { SnapshotPart } from './control/snapshots/snapshots.parts.js'
import type { Deps as SDeps } from './omeka-s/deps.js'
import { snapshotPart as sSnapshotPart } from './omeka-s/control/snapshot-part.js'
import { statusResponse as sStatusResponse } from './omeka-s/control/fault-status.js'
import { lazyRoutes } from './core/http/lazy-routes.js'

/**
 * What one server runs: its configuration and the dependencies of each flavour it serves. `--flavor classic`
 * has only `classic`, `--flavor s` only `s` (mounted at ''), `--flavor both` both (S mounted at '/s').
 */
export interface AppDeps {
  config: RuntimeConfig
  classic?: ClassicDeps | undefined
  /** Classic's import jobs; made here when absent (tests pass ones that run inline). */
  classicImports?: ImportJobs | undefined
  s?: SDeps | undefined
}

/** Classic's dependencies alone (most tests) stand for a Classic-only server. */
export function composed(deps: AppDeps | ClassicDeps): AppDeps {
  return 'db' in deps ? { config: deps.config, classic: deps.config.flavor === 's' ? undefined : deps } : deps
}

/** Control-plane bodies are small JSON documents: anything bigger is refused before it is read. */
function controlBodyLimit(paths: ReturnType<typeof flavourPaths>): MiddlewareHandler {
  const limit = requestBodyLimit(LIMITS.controlBodyBytes, () =>
    plainJson({ message: `Request body too large: the maximum is ${LIMITS.controlBodyBytes} bytes.` }, 413),
  )
  return (c, next) => (paths.isAdmin(c.req.path) ? limit(c, next) : next())
}

/** The whole HTTP application as a function of its dependencies; nothing here touches globals. */
export function createApp(input: AppDeps | ClassicDeps): Hono {
  const deps = composed(input)
  const { config, classic, s } = deps
  const app = new Hono()
  // Registered before the toolkit's middleware, so faults and the journal never touch the admin page or the
  // API reference (a rule on /* must not lock a person out of the panel that clears it). The page calls this
  // app's own API, as any client would, and those calls do meet faults and the journal.
  // Both loaded on their first request: an API server starts without their code (start-up time).
  app.route(
    '/admin',
    lazyRoutes('/admin', async () =>
      (await import('./admin/admin.routes.js')).adminRoutes(deps, (request) => app.fetch(request)),
    ),
  )
  app.route(
    '/__openapi',
    lazyRoutes('/__openapi', async () => (await import('./openapi/openapi.routes.js')).openApiRoutes(deps)),
  )
  const paths = flavourPaths({ classic: classic !== undefined, sMount: s ? s.mount : null })
  const parts: SnapshotPart[] = []
  if (classic) parts.push(classicSnapshotPart(classic))
  if (s) parts.push(sSnapshotPart(s))
  // Order matters: the journal sees the final response, CORS headers reach fault responses too,
  // and preflights are answered before faults and the Classic router.
  const toolkit = config.control || config.faults ? createToolkit(config, parts) : null
  app.use(closeUnreadBodies())
  if (config.control) app.use(controlBodyLimit(paths))
  if (config.control) app.use(controlGuard(config, paths))
  if (toolkit && config.control) app.use(journalMiddleware(toolkit.journal, paths))
  if (config.cors) app.use(corsMiddleware(config.cors, paths))
  const classicGate = classic && {
    broken: () => Boolean(classic.health.broken),
    knowsKey: (key: string) => findActorByKey(classic.db, key) !== null,
  }
  if (toolkit) app.use(faultsMiddleware(toolkit.faults, paths, classicGate || undefined, sStatusResponse))
  if (classic) {
    const imports = deps.classicImports ?? new ImportJobs(classic)
    app.route('/api', classicApiWithPlugins(classic, importsResources(imports)))
    app.route('/files', filesWeb(classic))
  }
  // Omeka S's control plane (reset, settings, seed) gets the server-wide toolkit routes beside it.
  if (s && toolkit && config.control) app.route(`${s.mount}/__admin`, toolkitRoutes(toolkit))
  // The S app is loaded on use (s.app), so a Classic server never loads Omeka S's code.
  if (s) app.route('/', s.app(s))
  if (classic && toolkit && config.control)
    app.route('/__admin', controlPlane(classic, pluginFixtureHooks(classic), toolkit))
  app.notFound((c) =>
    paths.isAdmin(c.req.path) ? plainJson({ message: 'Not found.' }, 404) : c.text('Not Found', 404),
  )
  app.onError((err) => {
    console.error(err)
    return plainJson({ message: 'Internal server error.' }, 500)
  })
  return app
}
