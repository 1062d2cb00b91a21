import { adapterClass, type Resource } from '../../context.js'
import { tableRead, tableSearch } from '../../simple.js'
import { memberSpec } from '../properties/members.js'

const spec = memberSpec('resource_class', 'ResourceClass', 'resource_classes', 'o:ResourceClass')

export const resourceClassesResource: Resource = {
  name: 'resource_classes',
  adapter: adapterClass('ResourceClass'),
  search: (req) => tableSearch(req, spec),
  read: (req) => tableRead(req, spec),
}
