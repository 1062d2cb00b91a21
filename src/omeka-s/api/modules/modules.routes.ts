import { adapterClass, type Resource } from '../../context.js'
import { serverError } from '../../respond.js'

/** /api/modules: no modules are installed in omeka-twin; reading one hits Omeka's 500. */
export const modulesResource: Resource = {
  name: 'modules',
  adapter: adapterClass('Module'),
  search: () => ({ items: [] }),
  read: () => serverError('API response content must implement Omeka\\Api\\ResourceInterface.'),
}
