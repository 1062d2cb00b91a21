import { adapterClass, type Resource } from '../../context.js'
import { readResource, searchResources } from '../resources/resource.routes.js'
import { createResource, deleteResource, updateResource } from '../resources/resource.write.js'

export const itemSetsResource: Resource = {
  name: 'item_sets',
  adapter: adapterClass('ItemSet'),
  search: (req) => searchResources(req, 'item_sets'),
  read: (req) => readResource(req, 'item_sets'),
  create: (req) => createResource(req, 'item_sets'),
  update: (req, partial) => updateResource(req, 'item_sets', partial),
  delete: (req) => deleteResource(req, 'item_sets'),
}
