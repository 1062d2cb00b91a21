import { adapterClass, type Resource } from '../../context.js'
import { readResource, searchResources } from '../resources/resource.routes.js'
import { createResource, deleteResource, updateResource } from '../resources/resource.write.js'

export const itemsResource: Resource = {
  name: 'items',
  adapter: adapterClass('Item'),
  search: (req) => searchResources(req, 'items'),
  read: (req) => readResource(req, 'items'),
  create: (req) => createResource(req, 'items'),
  update: (req, partial) => updateResource(req, 'items', partial),
  delete: (req) => deleteResource(req, 'items'),
}
