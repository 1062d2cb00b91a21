import { extname } from 'node:path'
import { nextId } from '../../db/client.js'
import type { ApiRequest } from '../../context.js'
import { detectMediaType, storeFile, whitelistErrors } from '../media/media.ingest.js'
import { validationError } from '../../respond.js'
import { renderRow, writableOwned } from '../../write/owned.js'
import { asDeleted, shouldHydrate, strOrNull } from '../../write/payload-fields.js'
import { assetSpec } from './assets.repo.js'

/** AssetAdapter::ALLOWED_MEDIA_TYPES and ALLOWED_EXTENSIONS. */
const ASSET_TYPES = ['image/gif', 'image/jpeg', 'image/png', 'image/svg+xml', 'image/webp']
const ASSET_EXTENSIONS = ['gif', 'jpg', 'jpeg', 'png', 'svg', 'webp']

/** POST /api/assets: multipart `file` plus `o:name` / `o:alt_text` in `data`. */
export async function createAsset(req: ApiRequest): Promise<unknown> {
  const file = req.files.get('file')
  if (!file) return validationError({ file: ['No file was uploaded'] })
  const bytes = Buffer.from(await file.arrayBuffer())
  const mediaType = await detectMediaType(bytes)
  const extension = extname(file.name).slice(1).toLowerCase()
  // AssetAdapter::hydrate: a file Validator with the asset whitelists (not the settings').
  const errors = whitelistErrors(file.name, mediaType, extension, ASSET_TYPES, ASSET_EXTENSIONS)
  if (errors.length) validationError({ file: errors })
  // The upload's name unless `o:name` is sent; sent empty, validateEntity refuses it.
  const name = 'o:name' in req.body ? (strOrNull(req.body['o:name']) ?? '') : file.name
  if (name === '') validationError({ 'o:name': ['An asset must have a name.'] })
  const { storageId } = await storeFile(req, 'asset', bytes, extension)
  const { db } = req.deps
  const id = nextId(db, 'assets')
  db.$client
    .prepare(
      'INSERT INTO asset (id, owner_id, name, media_type, storage_id, extension, alt_text) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(id, req.user?.id ?? null, name, mediaType, storageId, extension || null, strOrNull(req.body['o:alt_text']))
  return renderRow(req, assetSpec, id)
}

/** PUT/PATCH /api/assets/:id: name and alt text (the file stays). */
export function updateAsset(req: ApiRequest, partial: boolean): unknown {
  const row = writableOwned(req, assetSpec, 'update')
  const name = shouldHydrate(req, partial, 'o:name') ? strOrNull(req.body['o:name']) || row.name : row.name
  const alt = shouldHydrate(req, partial, 'o:alt_text') ? strOrNull(req.body['o:alt_text']) : row.altText
  req.deps.db.$client.prepare('UPDATE asset SET name = ?, alt_text = ? WHERE id = ?').run(name, alt, row.id)
  return renderRow(req, assetSpec, row.id)
}

/** DELETE /api/assets/:id: thumbnails using it fall back; the file is removed. */
export function deleteAsset(req: ApiRequest): unknown {
  const row = writableOwned(req, assetSpec, 'delete')
  const rep = asDeleted(renderRow(req, assetSpec, row.id), req.urls.api('assets'))
  const { db } = req.deps
  db.$client.transaction(() => {
    db.$client.prepare('UPDATE resource SET thumbnail_id = NULL WHERE thumbnail_id = ?').run(row.id)
    db.$client.prepare('UPDATE site SET thumbnail_id = NULL WHERE thumbnail_id = ?').run(row.id)
    db.$client.prepare('DELETE FROM asset WHERE id = ?').run(row.id)
  })()
  req.deps.files.deleteStored(
    'asset',
    row.extension ? `${row.storageId}.${row.extension}` : row.storageId,
    row.storageId,
  )
  return rep
}
