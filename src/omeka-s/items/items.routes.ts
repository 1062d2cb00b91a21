import { adapterClass, type SResource } from '../context.js'
import { readResource, searchResources } from '../resources/resource.routes.js'

export const itemsResource: SResource = {
  name: 'items',
  adapter: adapterClass('Item'),
  search: (req) => searchResources(req, 'items'),
  read: (req) => readResource(req, 'items'),
}
