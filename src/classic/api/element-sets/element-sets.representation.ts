import type { Urls } from '../../../core/http/urls.js'
import type { ElementSetRow } from './element-sets.repo.js'

/** An element set as Api_ElementSet represents it. */
export function toElementSetJson(s: ElementSetRow, urls: Urls) {
  return {
    id: s.id,
    url: urls.api('element_sets', s.id),
    name: s.name,
    description: s.description,
    record_type: s.recordType,
    elements: { count: s.elementCount, url: `${urls.api('elements')}?element_set=${s.id}`, resource: 'elements' },
    extended_resources: [],
  }
}
