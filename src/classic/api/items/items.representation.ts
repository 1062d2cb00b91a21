import type { Urls } from '../../../core/http/urls.js'
import { elementRefs, toElementTextsJson, type ElementRefs } from '../element-texts/element-texts.representation.js'
import { ref, toIsoDate } from '../../shared.js'
import type { ItemRelations, ItemRow } from './items.repo.js'

/** An item exactly as Omeka Classic's Api_Item adapter represents it, keys in Omeka's order. */
/** `refs`: the request's element references, shared by every item of a page. */
export function toItemJson(
  item: ItemRow,
  rel: ItemRelations,
  urls: Urls,
  filterTexts: boolean,
  extended: Record<string, unknown> | unknown[] = [],
  refs: ElementRefs = elementRefs(urls),
) {
  const typeName = item.itemTypeId === null ? undefined : rel.itemTypeName.get(item.itemTypeId)
  return {
    id: item.id,
    url: urls.api('items', item.id),
    public: item.public,
    featured: item.featured,
    added: toIsoDate(item.added),
    modified: toIsoDate(item.modified),
    item_type:
      item.itemTypeId !== null && typeName !== undefined
        ? ref(item.itemTypeId, urls.api('item_types', item.itemTypeId), 'item_types', typeName)
        : null,
    collection:
      item.collectionId !== null && rel.visibleCollections.has(item.collectionId)
        ? ref(item.collectionId, urls.api('collections', item.collectionId), 'collections')
        : null,
    owner: item.ownerId !== null ? ref(item.ownerId, urls.api('users', item.ownerId), 'users') : null,
    files: { count: rel.fileCounts.get(item.id) ?? 0, url: `${urls.api('files')}?item=${item.id}`, resource: 'files' },
    tags: (rel.tags.get(item.id) ?? []).map((t) => ref(t.id, urls.api('tags', t.id), 'tags', t.name)),
    element_texts: toElementTextsJson(rel.elementTexts.get(item.id) ?? [], refs, filterTexts),
    extended_resources: extended,
  }
}
