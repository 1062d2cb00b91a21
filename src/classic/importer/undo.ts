import { deactivateIfEmpty } from '../plugins/index.js'
import { PLUGIN_ENABLED } from './plugins/plugin-phase.js'
import type { Deps } from '../deps.js'
import { deleteCollection } from '../api/collections/collections.repo.js'
import { deleteFileRecord } from '../api/files/files.repo.js'
import { deleteItem } from '../api/items/items.repo.js'
import { deleteItemType, setItemTypeElements } from '../api/item-types/item-types.repo.js'
import { deleteElementRecord, deleteElementSet } from '../api/element-sets/element-sets.repo.js'
import type { ImportResource } from './id-map.js'
import { runStore } from './runs.repo.js'
import type { Created, UndoPort } from '../../core/import/port.js'
import {
  childrenFirst,
  deletePluginRecord,
  isPluginResource,
  PLUGIN_UNDO_ORDER,
  pluginKeepReason,
} from './plugins/plugins-undo.js'
import { statement } from '../statements.js'

const REVERSE: ImportResource[] = [
  ...PLUGIN_UNDO_ORDER,
  'files',
  'items',
  'collections',
  'users',
  'item_types',
  'elements',
  'element_sets',
]
const TABLE: Partial<Record<ImportResource, string>> = {
  files: 'files',
  items: 'items',
  collections: 'collections',
  users: 'users',
  item_types: 'item_types',
  elements: 'elements',
  element_sets: 'element_sets',
}

/** Why a created record must stay (edited locally, or still used by records the run did not create); null to delete. */
function keepReason(deps: Deps, resource: ImportResource, c: Created): string | null {
  if (isPluginResource(resource)) return pluginKeepReason(deps, resource, c.localId, c.localModified)
  const q = (sql: string, ...args: unknown[]) => !!statement(deps.db, sql).get(...args)
  if (['files', 'items', 'collections'].includes(resource)) {
    const row = statement<{ modified: string }>(deps.db, `SELECT modified FROM ${TABLE[resource]} WHERE id = ?`).get(
      c.localId,
    )
    return row && c.localModified !== null && row.modified !== c.localModified
      ? 'Edited locally after the import'
      : null
  }
  if (resource === 'users')
    return q(
      'SELECT 1 FROM items WHERE owner_id = ? UNION SELECT 1 FROM collections WHERE owner_id = ?',
      c.localId,
      c.localId,
    )
      ? 'Still owns records'
      : null
  if (resource === 'item_types')
    return q('SELECT 1 FROM items WHERE item_type_id = ?', c.localId) ? 'Still used by items' : null
  if (resource === 'elements')
    return q('SELECT 1 FROM element_texts WHERE element_id = ?', c.localId) ? 'Still used by element texts' : null
  return q('SELECT 1 FROM elements WHERE element_set_id = ?', c.localId) ? 'Still has elements' : null
}

function deleteOne(deps: Deps, resource: ImportResource, id: number): string[] {
  const { db } = deps
  if (isPluginResource(resource)) return (deletePluginRecord(deps, resource, id), [])
  switch (resource) {
    case 'files': {
      const f = statement<{ filename: string }>(db, 'SELECT filename FROM files WHERE id = ?').get(id)
      deleteFileRecord(db, id)
      return f ? [f.filename] : []
    }
    case 'items':
      return deleteItem(db, id)
    case 'collections':
      return (deleteCollection(db, id), [])
    case 'users':
      return (statement(db, 'DELETE FROM users WHERE id = ?').run(id), [])
    case 'item_types':
      return (deleteItemType(db, id), [])
    case 'elements':
      return (deleteElementRecord(db, id), [])
    case 'element_sets':
      return (deleteElementSet(db, id), [])
  }
}

/** Puts back what schema overrides replaced (descriptions, comments, item-type element lists) and a mirror's site information. */
function restoreOverrides(deps: Deps, runId: number): void {
  for (const r of runStore(deps.db).overrides(runId)) {
    if (r.resource === 'site') {
      // The site information a mirror replaced.
      deps.options.set('site_info', JSON.parse(r.before))
      continue
    }
    const b = JSON.parse(r.before) as { description?: string | null; comment?: string | null; elements?: number[] }
    if (r.resource === 'element_sets')
      statement(deps.db, 'UPDATE element_sets SET description = ? WHERE id = ?').run(b.description ?? null, r.id)
    if (r.resource === 'elements')
      statement(deps.db, 'UPDATE elements SET description = ?, comment = ? WHERE id = ?').run(
        b.description ?? null,
        b.comment ?? null,
        r.id,
      )
    if (r.resource === 'item_types') {
      statement(deps.db, 'UPDATE item_types SET description = ? WHERE id = ?').run(b.description ?? null, r.id)
      if (b.elements) setItemTypeElements(deps.db, r.id, b.elements)
    }
  }
}

/**
 * Undo for the Classic target: deletes what a run created (stored bytes after the commit), keeps and
 * reports records edited locally since (unless `force`, never for users) or still used, then restores
 * schema overrides and removes the tags the run created that nothing uses any more.
 */
export function classicUndo(deps: Deps): UndoPort<ImportResource> {
  return {
    order: REVERSE,
    arrange: (resource, created) => childrenFirst(deps, resource, created),
    keepReason: (resource, c, force) => (force && resource !== 'users' ? null : keepReason(deps, resource, c)),
    remove(resource, localId) {
      const bytes = deleteOne(deps, resource, localId)
      return () => bytes.forEach((name) => deps.files.deleteAll(name))
    },
    after(run) {
      statement(
        deps.db,
        "DELETE FROM tags WHERE id IN (SELECT local_id FROM import_records WHERE run_id = ? AND resource = 'tags' AND outcome = 'created') AND id NOT IN (SELECT tag_id FROM records_tags)",
      ).run(run.id)
      restoreOverrides(deps, run.id)
      // Plugins the run enabled are disabled again once none of their records is left (issue 14).
      const enabled = statement<{ message: string }>(
        deps.db,
        `SELECT DISTINCT message FROM import_records WHERE run_id = ? AND remote_id IS NULL AND local_id IS NULL AND outcome = 'updated' AND message LIKE ?`,
      ).all(run.id, `${PLUGIN_ENABLED}%`)
      for (const { message } of enabled) deactivateIfEmpty(deps, message.slice(PLUGIN_ENABLED.length))
    },
  }
}
