import { Hono } from 'hono'
import type { Deps } from './deps.js'
import type { Resource } from './context.js'
import { apiRouter } from './router.js'
import { controlPlane } from './control/control.routes.js'
import { itemsResource } from './api/items/items.routes.js'
import { itemSetsResource } from './api/item-sets/item-sets.routes.js'
import { mediaResource } from './api/media/media.routes.js'
import { resourcesResource } from './api/resources/resources.routes.js'
import { vocabulariesResource } from './api/vocabularies/vocabularies.routes.js'
import { propertiesResource } from './api/properties/properties.routes.js'
import { resourceClassesResource } from './api/resource-classes/resource-classes.routes.js'
import { resourceTemplatesResource } from './api/resource-templates/resource-templates.routes.js'
import { sitesResource } from './api/sites/sites.routes.js'
import { sitePagesResource } from './api/site-pages/site-pages.routes.js'
import { assetsResource } from './api/assets/assets.routes.js'
import { usersResource } from './api/users/users.routes.js'
import { jobsResource } from './api/jobs/jobs.routes.js'
import { modulesResource } from './api/modules/modules.routes.js'
import {
  apiResourcesResource,
  dataTypesResource,
  valueAnnotationsResource,
} from './api/api-resources/api-resources.routes.js'
import type { ApiRequest } from './context.js'
import { ImportJobs } from './importer/jobs.js'
import { importsResources } from './importer/imports.routes.js'
import { authenticateRequest } from './auth.js'
import { parsePhpQuery } from '../core/http/php-query.js'
import { filesWeb } from './web/files.routes.js'
import { responseCache } from './response-cache.js'

/** `/api-context`: the vocabularies' prefixes in row order plus Omeka's fixed ones. */
function contextDoc(req: ApiRequest): unknown {
  const rows = req.deps.db.$client
    .prepare<
      unknown[],
      {
        prefix: string
        ns: string
      }
    >('SELECT prefix, namespace_uri AS ns FROM vocabulary ORDER BY id')
    .all()
  return {
    '@context': {
      o: 'http://omeka.org/s/vocabs/o#',
      ...Object.fromEntries(rows.map((r) => [r.prefix, r.ns])),
      'o-cnt': 'http://www.w3.org/2011/content#',
      'o-time': 'http://www.w3.org/2006/time#',
    },
  }
}

/**
 * Requests with a global admin's key go to an API that also has the import resources; everyone else
 * sees exactly Omeka S's API (so `/api/api_resources` and the conformance suite are unchanged).
 */
function importsGate(deps: Deps, withImports: Hono): Hono {
  const gate = new Hono()
  gate.all(`${deps.mount}/api/*`, async (c, next) => {
    const query = c.req.url.includes('key_credential=')
      ? parsePhpQuery(c.req.url.slice(c.req.url.indexOf('?') + 1))
      : null
    if (query && authenticateRequest(deps.db, c.req.raw, query)?.role === 'global_admin')
      return withImports.fetch(c.req.raw, c.env)
    await next()
  })
  return gate
}

/** The Omeka S flavour: its API (`/api`, `/api-context`) and, with --control, its `/__admin`; `jobs` run its imports. */
export function createApi(
  deps: Deps,
  jobs: ImportJobs = new ImportJobs(deps, { client: { allowFileHosts: deps.config.allowFileHosts ?? [] } }),
): Hono {
  const registry: Resource[] = [
    usersResource,
    vocabulariesResource,
    resourceClassesResource,
    resourceTemplatesResource,
    propertiesResource,
    itemsResource,
    mediaResource,
    itemSetsResource,
    valueAnnotationsResource,
    modulesResource,
    sitesResource,
    sitePagesResource,
    jobsResource,
    resourcesResource,
    assetsResource,
    apiResourcesResource,
    dataTypesResource,
  ]
  const app = new Hono()
  const cache = responseCache(deps, new Set(registry.map((r) => r.name)))
  app.use('*', cache)
  const withImports = new Hono()
    .use('*', cache)
    .route(deps.mount || '/', apiRouter(deps, [...registry, ...importsResources(jobs)], contextDoc))
  app.route('/', importsGate(deps, withImports))
  app.route(deps.mount || '/', apiRouter(deps, registry, contextDoc))
  app.route(`${deps.mount}/files`, filesWeb(deps))
  if (deps.config.control) app.route(`${deps.mount}/__admin`, controlPlane(deps))
  return app
}
