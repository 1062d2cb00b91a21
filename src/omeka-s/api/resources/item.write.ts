import { afterCommit, nextId, transaction, type Db } from '../../db/client.js'
import type { ApiRequest } from '../../context.js'
import type { Catalog } from './catalog.js'
import type { ResourceRow } from './resource.data.js'
import { insertMedia, type NewMedia } from '../media/media.write.js'
import { refIdOf, refIdsOf, shouldHydrate } from '../../write/payload-fields.js'
import { canAssignItems } from './references.js'

const ph = (n: number) => Array(n).fill('?').join(', ')

/** The media objects of an item payload's `o:media`, in order. */
export function itemMediaPayloads(body: Record<string, unknown>): Record<string, unknown>[] {
  const list = body['o:media']
  const entries = Array.isArray(list) ? list : list !== null && typeof list === 'object' ? Object.values(list) : []
  return entries.filter((e): e is Record<string, unknown> => e !== null && typeof e === 'object' && !Array.isArray(e))
}

const isPhpArray = (v: unknown) => v !== null && typeof v === 'object'

/** ItemAdapter::validateRequest: `o:item_set` and `o:media`, when sent, must be arrays (both filed under `o:item_set`, as Omeka does). */
export function validateItemRequest(body: Record<string, unknown>): Record<string, string[]> | null {
  const errors: string[] = []
  if ('o:item_set' in body && !isPhpArray(body['o:item_set'])) errors.push('Item sets must be an array')
  if ('o:media' in body && !isPhpArray(body['o:media'])) errors.push('Media must be an array')
  return errors.length ? { 'o:item_set': errors } : null
}

/** Ids of existing rows of a table among the given ones (unknown ids are dropped, as Doctrine would refuse them). */
function existing(db: Db, sql: string, ids: number[]): number[] {
  if (ids.length === 0) return []
  const found = new Set(
    db.$client
      .prepare<unknown[], { id: number }>(sql.replace('$IDS', ph(ids.length)))
      .all(...ids)
      .map((r) => r.id),
  )
  return [...new Set(ids)].filter((id) => found.has(id))
}

function saveItemSets(req: ApiRequest, id: number): void {
  const { db } = req.deps
  const ids = existing(
    db,
    "SELECT id FROM resource WHERE resource_type = 'item_sets' AND id IN ($IDS)",
    refIdsOf(req.body['o:item_set']),
  ).sort((a, b) => a - b)
  db.$client.prepare('DELETE FROM item_item_set WHERE item_id = ?').run(id)
  ids.forEach((s, n) =>
    db.$client.prepare('INSERT INTO item_item_set (item_id, item_set_id, position) VALUES (?, ?, ?)').run(id, s, n + 1),
  )
}

/**
 * Sites: on create without `o:site` the sites that take new items; else the payload's, where a site not
 * yet assigned is added only with the `can-assign-items` privilege on it (silently skipped otherwise).
 */
function saveSites(req: ApiRequest, id: number, creating: boolean): void {
  const { db } = req.deps
  const assigned = new Set(
    db.$client
      .prepare<unknown[], { id: number }>('SELECT site_id AS id FROM item_site WHERE item_id = ?')
      .all(id)
      .map((r) => r.id),
  )
  const ids =
    creating && !('o:site' in req.body)
      ? db.$client
          .prepare<unknown[], { id: number }>('SELECT id FROM site WHERE assign_new_items = 1 ORDER BY id')
          .all()
          .map((r) => r.id)
      : existing(db, 'SELECT id FROM site WHERE id IN ($IDS)', refIdsOf(req.body['o:site'])).filter(
          (s) => assigned.has(s) || canAssignItems(req, req.user, s),
        )
  db.$client.prepare('DELETE FROM item_site WHERE item_id = ?').run(id)
  for (const s of ids) db.$client.prepare('INSERT INTO item_site (item_id, site_id) VALUES (?, ?)').run(id, s)
}

/**
 * `o:media` of an item: listed existing media take the listed order, new ones are created in place,
 * and (on update) the item's media not listed are deleted.
 */
function saveMedia(
  req: ApiRequest,
  catalog: Catalog,
  id: number,
  ownerId: number | null,
  newMedia: readonly NewMedia[],
  now: string,
): () => void {
  const { db } = req.deps
  const current = new Set(
    db.$client
      .prepare<unknown[], { id: number }>('SELECT id FROM media WHERE item_id = ?')
      .all(id)
      .map((r) => r.id),
  )
  const kept = new Set<number>()
  const moves: [position: number, id: number][] = []
  let fresh = 0
  itemMediaPayloads(req.body).forEach((p, n) => {
    if ('o:id' in p) {
      const mid = refIdOf(p)
      if (mid !== null && current.has(mid)) {
        kept.add(mid)
        moves.push([n + 1, mid])
      }
      return
    }
    const m = newMedia[fresh++]
    if (m) insertMedia(req, catalog, nextId(db, 'resources'), id, ownerId, m, n + 1, now)
  })
  const gone = [...current].filter((m) => !kept.has(m))
  if (gone.length) removeRows(req, gone)
  return () => {
    for (const [position, mid] of moves)
      db.$client.prepare('UPDATE media SET position = ? WHERE id = ?').run(position, mid)
  }
}

/**
 * The item-only parts of a create or update (ItemAdapter::hydrate). Returns the media reordering, to be
 * applied after the response is rendered: Omeka answers a reorder with the item's previous media order.
 */
export function saveItemRelations(
  req: ApiRequest,
  catalog: Catalog,
  id: number,
  ownerId: number | null,
  row: ResourceRow | null,
  partial: boolean,
  newMedia: readonly NewMedia[],
  now: string,
): () => void {
  const { db } = req.deps
  const creating = row === null
  if (creating) db.$client.prepare('INSERT INTO item (id, primary_media_id) VALUES (?, NULL)').run(id)
  if (shouldHydrate(req, partial, 'o:item_set')) saveItemSets(req, id)
  if (creating || shouldHydrate(req, partial, 'o:site')) saveSites(req, id, creating)
  if (shouldHydrate(req, partial, 'o:primary_media'))
    db.$client
      .prepare('UPDATE item SET primary_media_id = ? WHERE id = ?')
      .run(refIdOf(req.body['o:primary_media']), id)
  return shouldHydrate(req, partial, 'o:media') ? saveMedia(req, catalog, id, ownerId, newMedia, now) : () => {}
}

/** Stored files of these media. */
function storedFiles(db: Db, ids: number[]): { s: string; e: string | null }[] {
  return db.$client
    .prepare<unknown[], { s: string; e: string | null }>(
      `SELECT storage_id AS s, extension AS e FROM media WHERE storage_id IS NOT NULL AND id IN (${ph(ids.length)})`,
    )
    .all(...ids)
}

/** Deletes resources (inside the caller's transaction) and links to them; returns their stored files. */
function removeRows(req: ApiRequest, ids: number[]): { s: string; e: string | null }[] {
  const { db } = req.deps
  const files = storedFiles(db, ids)
  const run = (sql: string) =>
    db.$client.prepare(sql.replaceAll('$IDS', ph(ids.length))).run(...(sql.match(/\$IDS/g) ?? []).flatMap(() => ids))
  run('DELETE FROM value WHERE value_resource_id IN ($IDS)')
  run('UPDATE item SET primary_media_id = NULL WHERE primary_media_id IN ($IDS)')
  run('DELETE FROM site_item_set WHERE item_set_id IN ($IDS)')
  run('UPDATE site_block_attachment SET item_id = NULL WHERE item_id IN ($IDS)')
  run('UPDATE site_block_attachment SET media_id = NULL WHERE media_id IN ($IDS)')
  run('DELETE FROM resource WHERE id IN ($IDS)')
  afterCommit(db.$client, () => {
    for (const f of files) req.deps.files.deleteStored('original', f.e ? `${f.s}.${f.e}` : f.s, f.s)
  })
  return files
}

/** Deletes a resource; an item takes its media (and their files) along. */
export function deleteResourceRows(req: ApiRequest, row: ResourceRow): void {
  const { db } = req.deps
  const media =
    row.kind === 'items'
      ? db.$client
          .prepare<unknown[], { id: number }>('SELECT id FROM media WHERE item_id = ?')
          .all(row.id)
          .map((m) => m.id)
      : []
  transaction(db, () => removeRows(req, [row.id, ...media]))
}
