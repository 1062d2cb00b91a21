import type { Hono } from 'hono'
import type { Deps } from './deps.js'
import type { ClassicResource } from './context.js'
import { classicApi as buildRouter } from './router.js'
import { siteResource } from './api/site/site.routes.js'
import { resourcesResource } from './api/resources/resources.routes.js'
import { collectionsResource } from './api/collections/collections.routes.js'
import { itemsResource } from './api/items/items.routes.js'
import { filesResource } from './api/files/files.routes.js'
import { itemTypesResource } from './api/item-types/item-types.routes.js'
import { elementsResource } from './api/elements/elements.routes.js'
import { elementSetsResource } from './api/element-sets/element-sets.routes.js'
import { usersResource } from './api/users/users.routes.js'
import { tagsResource } from './api/tags/tags.routes.js'
import { withResponseCache } from './response-cache.js'

/**
 * The Omeka Classic API. The registry's order is the order of `/api/resources` (Omeka's own);
 * `extra` are resources contributed by enabled plugins or by omeka-twin itself (imports).
 */
export function classicApi(deps: Deps, extra: readonly ClassicResource[] = []): Hono {
  const registry: ClassicResource[] = []
  registry.push(
    siteResource,
    resourcesResource(() => registry),
    collectionsResource,
    itemsResource,
    filesResource,
    itemTypesResource,
    elementsResource,
    elementSetsResource,
    usersResource,
    tagsResource,
    ...extra,
  )
  return withResponseCache(deps, buildRouter(deps, registry))
}
