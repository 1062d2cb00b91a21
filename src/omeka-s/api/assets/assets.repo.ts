import type { ApiRequest } from '../../context.js'
import type { RawRow } from '../../../core/db/rows.js'
import type { assets } from '../../db/schema/index.js'
import { ref } from '../resources/json.js'
import { param, type TableSpec } from '../../simple.js'

/** An `asset` row. */
export type AssetRow = RawRow<typeof assets>

/** AssetRepresentation. */
export function assetJson(req: ApiRequest, a: AssetRow): Record<string, unknown> {
  const filename = a.extension ? `${a.storageId}.${a.extension}` : a.storageId
  return {
    '@context': req.urls.context,
    '@id': req.urls.api('assets', a.id),
    '@type': 'o:Asset',
    'o:id': a.id,
    'o:owner': ref(req.urls, 'users', a.ownerId),
    'o:name': a.name,
    'o:filename': filename,
    'o:media_type': a.mediaType,
    'o:asset_url': req.urls.file('asset', filename),
    'o:alt_text': a.altText,
  }
}

export const assetSpec: TableSpec<AssetRow> = {
  table: 'asset t',
  entity: 'Asset',
  select:
    't.id, t.owner_id AS ownerId, t.name, t.media_type AS mediaType, t.storage_id AS storageId, t.extension, t.alt_text AS altText',
  where(q, w) {
    const owner = param(q, 'owner_id')
    if (owner !== undefined) {
      const id = parseInt(owner, 10) || 0
      w.add(id === 0 ? 't.owner_id IS NULL' : 't.owner_id = ?', ...(id === 0 ? [] : [id]))
    }
  },
  sorts: { id: 't.id', media_type: 't.media_type', name: 's_collate(t.name)', extension: 't.extension' },
  render: (req, rows) => rows.map((a) => assetJson(req, a)),
}
