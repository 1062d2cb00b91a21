import { createAsset, deleteAsset, updateAsset } from './assets.write.js'
import { adapterClass, type Resource } from '../../context.js'
import { tableRead, tableSearch } from '../../simple.js'
import { assetSpec } from './assets.repo.js'

export const assetsResource: Resource = {
  name: 'assets',
  adapter: adapterClass('Asset'),
  search: (req) => tableSearch(req, assetSpec),
  read: (req) => tableRead(req, assetSpec),
  create: (req) => createAsset(req),
  update: (req, partial) => updateAsset(req, partial),
  delete: (req) => deleteAsset(req),
}
