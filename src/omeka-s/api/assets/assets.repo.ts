import type { ApiRequest } from '../../context.js'
import { param, type TableSpec } from '../../simple.js'
import { assetJson, type AssetRow } from './assets.representation.js'

export type { AssetRow } from './assets.representation.js'

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
  render: (req, rows) => rows.map((a) => assetJson(req.urls, a)),
}
