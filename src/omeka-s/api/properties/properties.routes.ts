import { adapterClass, type Resource } from '../../context.js'
import { tableRead, tableSearch } from '../../simple.js'
import { memberSpec } from './members.js'

const spec = memberSpec('property', 'Property', 'properties', 'o:Property')

export const propertiesResource: Resource = {
  name: 'properties',
  adapter: adapterClass('Property'),
  search: (req) => tableSearch(req, spec),
  read: (req) => tableRead(req, spec),
}
