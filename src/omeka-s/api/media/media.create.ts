import { nextId } from '../../db/client.js'
import type { ApiRequest } from '../../context.js'
import { Catalog } from '../resources/catalog.js'
import { loadResources } from '../resources/resource.data.js'
import { SYSTEM_USER } from '../resources/resource.fields.js'
import { checkReferences } from '../resources/references.js'
import { commit, renderWritten } from '../resources/resource.write.js'
import { validationError } from '../../respond.js'
import { nowTimestamp, phpBool, refIdOf } from '../../write/payload-fields.js'
import { ingestAll, insertMedia, mediaNeedsItem, nextPosition } from './media.write.js'

/** POST /api/media: a media on an existing item (any author may add one; it belongs to the item's owner). */
export async function createMedia(req: ApiRequest): Promise<Record<string, unknown>> {
  const { db } = req.deps
  // validateRequest runs before hydration: a missing ingester is reported alone.
  if (!phpBool(req.body['o:ingester'])) validationError({ 'o:ingester': ['Media must set an ingester.'] })
  const itemId = refIdOf(req.body['o:item'])
  const item = itemId === null ? undefined : loadResources(db, [itemId], SYSTEM_USER, 'items')[0]
  if (!item) return mediaNeedsItem()
  checkReferences(req, 'media', false)
  const media = await ingestAll(req, [req.body], (errors) => validationError(errors))
  const id = commit(req, media, () => {
    const id = nextId(db, 'resources')
    insertMedia(req, new Catalog(db), id, item.id, item.ownerId, media[0]!, nextPosition(db, item.id), nowTimestamp())
    return id
  })
  return renderWritten(req, id)
}
