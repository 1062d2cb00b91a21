import { adapterClass, type SResource } from '../context.js'
import { readResource, searchResources } from '../resources/resource.routes.js'

export const itemSetsResource: SResource = {
  name: 'item_sets',
  adapter: adapterClass('ItemSet'),
  search: (req) => searchResources(req, 'item_sets'),
  read: (req) => readResource(req, 'item_sets'),
}
