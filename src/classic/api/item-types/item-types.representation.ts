import type { Urls } from '../../../core/http/urls.js'
import type { ItemTypeRelations, ItemTypeRow } from './item-types.repo.js'

/** An item type as Api_ItemType represents it; note Omeka's `/items/?item_type=` (slash before `?`). */
export function toItemTypeJson(t: ItemTypeRow, rel: ItemTypeRelations, urls: Urls) {
  return {
    id: t.id,
    url: urls.api('item_types', t.id),
    name: t.name,
    description: t.description,
    elements: (rel.elementIds.get(t.id) ?? []).map((id) => ({ id, url: urls.api('elements', id) })),
    items: { count: rel.itemCounts.get(t.id) ?? 0, url: `${urls.api('items')}/?item_type=${t.id}`, resource: 'items' },
    extended_resources: [],
  }
}
