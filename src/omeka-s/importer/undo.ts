import type { Deps } from '../deps.js'
import type { ApiRequest } from '../context.js'
import type { ResourceRow } from '../api/resources/resource.data.js'
import { deleteResourceRows } from '../api/resources/item.write.js'
import type { Created, UndoPort } from '../../core/import/port.js'
import type { ImportResource } from './runs.repo.js'
import { EDITED_HERE, modifiedStamp } from './s-records.js'
import { assetStamp } from './s-assets.js'

/** Children first: pages before their sites, sites before the items they show, assets after what they are thumbnails of. */
const REVERSE: ImportResource[] = [
  'site_pages',
  'sites',
  'media',
  'items',
  'item_sets',
  'assets',
  'resource_templates',
  'vocabularies',
  'users',
]

/** Why a created record must stay (edited here since, or still used by records the run did not create); null to delete. */
function keepReason(deps: Deps, resource: ImportResource, c: Created): string | null {
  const q = (sql: string, ...args: unknown[]) => !!deps.db.$client.prepare(sql).get(...args)
  const edited = (table: 'resource' | 'site' | 'site_page') => {
    const stamp = modifiedStamp(deps, table, c.localId)
    return stamp !== undefined && stamp !== c.localModified ? EDITED_HERE : null
  }
  switch (resource) {
    case 'media':
    case 'items':
    case 'item_sets':
      return edited('resource')
    case 'site_pages':
      return edited('site_page')
    case 'sites':
      return edited('site') ?? (q('SELECT 1 FROM site_page WHERE site_id = ?', c.localId) ? 'Still has pages' : null)
    case 'assets': {
      const stamp = assetStamp(deps, c.localId)
      if (stamp !== undefined && stamp !== c.localModified) return EDITED_HERE
      return q(
        'SELECT 1 FROM resource WHERE thumbnail_id = ? UNION SELECT 1 FROM site WHERE thumbnail_id = ?',
        c.localId,
        c.localId,
      )
        ? 'Still used as a thumbnail'
        : null
    }
    case 'resource_templates':
      return q('SELECT 1 FROM resource WHERE resource_template_id = ?', c.localId) ? 'Still used by resources' : null
    case 'vocabularies':
      return q(
        'SELECT 1 FROM value v JOIN property p ON p.id = v.property_id WHERE p.vocabulary_id = ? UNION SELECT 1 FROM resource r JOIN resource_class c ON c.id = r.resource_class_id WHERE c.vocabulary_id = ?',
        c.localId,
        c.localId,
      )
        ? 'Still used by values or resources'
        : null
    case 'users':
      return q(
        'SELECT 1 FROM resource WHERE owner_id = ? UNION SELECT 1 FROM api_key WHERE owner_id = ?',
        c.localId,
        c.localId,
      )
        ? 'Still owns records'
        : null
  }
}

/** Deletes an asset, its stored file, and its use as a thumbnail (as DELETE /api/assets does). */
function deleteAsset(deps: Deps, id: number): void {
  const { db } = deps
  const row = db.$client
    .prepare<unknown[], { s: string; e: string | null }>(
      'SELECT storage_id AS s, extension AS e FROM asset WHERE id = ?',
    )
    .get(id)
  if (!row) return
  db.$client.prepare('UPDATE resource SET thumbnail_id = NULL WHERE thumbnail_id = ?').run(id)
  db.$client.prepare('UPDATE site SET thumbnail_id = NULL WHERE thumbnail_id = ?').run(id)
  db.$client.prepare('DELETE FROM asset WHERE id = ?').run(id)
  deps.files.deleteStored('asset', row.e ? `${row.s}.${row.e}` : row.s, row.s)
}

/** Deletes one local record the import mapped (stored files and links with it). */
export function deleteOne(deps: Deps, resource: ImportResource, id: number): void {
  const { db } = deps
  if (resource === 'media' || resource === 'items' || resource === 'item_sets') {
    // The API's delete path (links, primary media, stored files) reads nothing of the request but its deps.
    const exists = db.$client
      .prepare<unknown[], { kind: ResourceRow['kind'] }>('SELECT resource_type AS kind FROM resource WHERE id = ?')
      .get(id)
    if (exists) deleteResourceRows({ deps } as ApiRequest, { id, kind: exists.kind } as ResourceRow)
  } else if (resource === 'site_pages') {
    db.$client.prepare('UPDATE site SET homepage_id = NULL WHERE homepage_id = ?').run(id)
    db.$client.prepare('DELETE FROM site_page WHERE id = ?').run(id)
  } else if (resource === 'sites') {
    db.$client.prepare('DELETE FROM item_site WHERE site_id = ?').run(id)
    db.$client.prepare('DELETE FROM site WHERE id = ?').run(id)
  } else if (resource === 'assets') deleteAsset(deps, id)
  else if (resource === 'resource_templates') db.$client.prepare('DELETE FROM resource_template WHERE id = ?').run(id)
  else if (resource === 'vocabularies') db.$client.prepare('DELETE FROM vocabulary WHERE id = ?').run(id)
  else db.$client.prepare('DELETE FROM user WHERE id = ?').run(id)
}

/**
 * Undo for the S target: deletes what a run created (stored files with it), children first; keeps and
 * reports records edited here since (unless `force`) and schema still in use.
 */
export function undoPort(deps: Deps): UndoPort<ImportResource> {
  return {
    order: REVERSE,
    keepReason(resource, c, force) {
      const reason = keepReason(deps, resource, c)
      return reason && !(force && reason === EDITED_HERE) ? reason : null
    },
    remove: (resource, localId) => deleteOne(deps, resource, localId),
  }
}
