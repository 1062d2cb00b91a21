import { adapterClass, type SResource } from '../context.js'
import { readResource, searchResources } from '../resources/resource.routes.js'

export const mediaResource: SResource = {
  name: 'media',
  adapter: adapterClass('Media'),
  search: (req) => searchResources(req, 'media'),
  read: (req) => readResource(req, 'media'),
}
