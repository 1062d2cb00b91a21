import type { Urls } from '../../../core/http/urls.js'
import { elementRefs, toElementTextsJson, type ElementRefs } from '../element-texts/element-texts.representation.js'
import { toIsoDate } from '../../shared.js'
import type { CollectionRelations, CollectionRow } from './collections.repo.js'

/** A collection as Api_Collection represents it (owner is always an object, as in Omeka). */
/** `refs`: the request's element references, shared by every collection of a page. */
export function toCollectionJson(
  col: CollectionRow,
  rel: CollectionRelations,
  urls: Urls,
  filterTexts: boolean,
  extended: Record<string, unknown> | unknown[] = [],
  refs: ElementRefs = elementRefs(urls),
) {
  return {
    id: col.id,
    url: urls.api('collections', col.id),
    public: col.public,
    featured: col.featured,
    added: toIsoDate(col.added),
    modified: toIsoDate(col.modified),
    owner: { id: col.ownerId, url: urls.api('users', col.ownerId ?? 0), resource: 'users' },
    items: {
      count: rel.itemCounts.get(col.id) ?? 0,
      url: `${urls.api('items')}?collection=${col.id}`,
      resource: 'items',
    },
    element_texts: toElementTextsJson(rel.elementTexts.get(col.id) ?? [], refs, filterTexts),
    extended_resources: extended,
  }
}
