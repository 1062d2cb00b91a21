import { adapterClass, type Resource } from '../../context.js'
import { readResource, searchResources } from './resource.routes.js'

/** /api/resources: items, item sets and media together (read-only: create is not implemented). */
export const resourcesResource: Resource = {
  name: 'resources',
  adapter: adapterClass('Resource'),
  search: (req) => searchResources(req, 'resources'),
  read: (req) => readResource(req, 'resources'),
}
