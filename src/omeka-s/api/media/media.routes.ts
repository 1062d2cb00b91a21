import { adapterClass, type Resource } from '../../context.js'
import { readResource, searchResources } from '../resources/resource.routes.js'
import { deleteResource, updateResource } from '../resources/resource.write.js'
import { createMedia } from './media.create.js'

export const mediaResource: Resource = {
  name: 'media',
  adapter: adapterClass('Media'),
  search: (req) => searchResources(req, 'media'),
  read: (req) => readResource(req, 'media'),
  create: (req) => createMedia(req),
  update: (req, partial) => updateResource(req, 'media', partial),
  delete: (req) => deleteResource(req, 'media'),
}
