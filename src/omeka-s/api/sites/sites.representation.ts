import type { RawRow } from '../../../core/db/rows.js'
import type { sites } from '../../db/schema/index.js'
import type { Urls } from '../../urls.js'
import { dateJson, ref } from '../resources/json.js'

/** A `site` row (booleans as 0/1). */
export type SiteRow = RawRow<typeof sites>

/** What a site's representation lists besides its row: pages the caller sees, permissions, item sets, in order. */
export interface SiteRelations {
  pages: number[]
  perms: { userId: number; role: string }[]
  sets: number[]
}

/** SiteRepresentation. */
export function siteJson(urls: Urls, s: SiteRow, { pages, perms, sets }: SiteRelations): Record<string, unknown> {
  return {
    '@context': urls.context,
    '@id': urls.api('sites', s.id),
    '@type': 'o:Site',
    'o:id': s.id,
    'o:slug': s.slug,
    'o:theme': s.theme,
    'o:title': s.title,
    'o:summary': s.summary,
    'o:thumbnail': ref(urls, 'assets', s.thumbnailId),
    'o:navigation': JSON.parse(s.navigation),
    'o:homepage': ref(urls, 'site_pages', s.homepageId),
    'o:item_pool': JSON.parse(s.itemPool),
    'o:owner': ref(urls, 'users', s.ownerId),
    'o:created': dateJson(s.created),
    'o:modified': dateJson(s.modified),
    'o:is_public': s.isPublic === 1,
    'o:assign_new_items': s.assignNewItems === 1,
    'o:page': pages.map((id) => ref(urls, 'site_pages', id)),
    'o:site_permission': perms.map((p) => ({ 'o:user': ref(urls, 'users', p.userId), 'o:role': p.role })),
    'o:site_item_set': sets.map((id) => ({ 'o:item_set': ref(urls, 'item_sets', id) })),
    'o:site_item': { '@id': `${urls.api('items')}?site_id=${s.id}` },
  }
}
