import type { Urls } from '../../../core/http/urls.js'
import type { ElementRow } from './elements.repo.js'

/** An element as Api_Element represents it (its element_set reference has no name). */
export function toElementJson(e: ElementRow, urls: Urls) {
  return {
    id: e.id,
    url: urls.api('elements', e.id),
    order: e.order,
    name: e.name,
    description: e.description,
    comment: e.comment,
    element_set: { id: e.elementSetId, url: urls.api('element_sets', e.elementSetId), resource: 'element_sets' },
    extended_resources: [],
  }
}
