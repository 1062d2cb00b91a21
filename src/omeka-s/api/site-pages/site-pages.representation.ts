import type { RawRow } from '../../../core/db/rows.js'
import type { sitePages } from '../../db/schema/index.js'
import type { Urls } from '../../urls.js'
import { dateJson, ref } from '../resources/json.js'

/** A `site_page` row (`is_public` as 0/1). */
export type PageRow = RawRow<typeof sitePages>

/** A page's blocks in order, each with its attachments in order (JSON columns as stored). */
export type PageBlock = {
  id: number
  layout: string
  data: string
  layoutData: string | null
  attachments: { itemId: number | null; mediaId: number | null; caption: string }[]
}

/** SitePageRepresentation with blocks and attachments in order. */
export function pageJson(urls: Urls, p: PageRow, blocks: PageBlock[]): Record<string, unknown> {
  return {
    '@context': urls.context,
    '@id': urls.api('site_pages', p.id),
    '@type': 'o:SitePage',
    'o:id': p.id,
    'o:slug': p.slug,
    'o:title': p.title,
    'o:is_public': p.isPublic === 1,
    'o:layout': p.layout,
    'o:layout_data': p.layoutData === null ? [] : JSON.parse(p.layoutData),
    'o:block': blocks.map((b) => ({
      'o:layout': b.layout,
      'o:data': JSON.parse(b.data),
      'o:layout_data': b.layoutData === null ? null : JSON.parse(b.layoutData),
      'o:attachment': b.attachments.map((a) => ({
        'o:item': ref(urls, 'items', a.itemId),
        'o:media': ref(urls, 'media', a.mediaId),
        'o:caption': a.caption,
      })),
    })),
    'o:site': ref(urls, 'sites', p.siteId),
    'o:created': dateJson(p.created),
    'o:modified': dateJson(p.modified),
  }
}
