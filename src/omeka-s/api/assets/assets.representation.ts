import type { RawRow } from '../../../core/db/rows.js'
import type { assets } from '../../db/schema/index.js'
import type { Urls } from '../../urls.js'
import { ref } from '../resources/json.js'

/** An `asset` row. */
export type AssetRow = RawRow<typeof assets>

/** AssetRepresentation. */
export function assetJson(urls: Urls, a: AssetRow): Record<string, unknown> {
  const filename = a.extension ? `${a.storageId}.${a.extension}` : a.storageId
  return {
    '@context': urls.context,
    '@id': urls.api('assets', a.id),
    '@type': 'o:Asset',
    'o:id': a.id,
    'o:owner': ref(urls, 'users', a.ownerId),
    'o:name': a.name,
    'o:filename': filename,
    'o:media_type': a.mediaType,
    'o:asset_url': urls.file('asset', filename),
    'o:alt_text': a.altText,
  }
}
