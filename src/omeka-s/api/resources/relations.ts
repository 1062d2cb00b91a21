import { prepared, type Db } from '../../db/client.js'
import type { User } from '../../acl.js'
import { loadMediaRows, visibleSql, type MediaRow, type ResourceRow } from './resource.data.js'
import type { RenderScope } from './render-scope.js'
import { ref, mediaThumbnails } from './json.js'

/** Everything around a page of resources that their representations show. */
export interface Relations {
  primaryMedia: Map<number, number>
  media: Map<number, MediaRow>
  itemMedia: Map<number, number[]>
  itemSets: Map<number, number[]>
  itemSites: Map<number, number[]>
  isOpen: Map<number, boolean>
  assets: Map<number, string>
}

const ph = (n: number) => Array(n).fill('?').join(', ')

function grouped(db: Db, sql: string, ids: readonly number[], args: unknown[] = []): Map<number, number[]> {
  const out = new Map<number, number[]>()
  if (ids.length === 0) return out
  for (const row of prepared<{
    k: number
    v: number
  }>(db, sql.replace('$IDS', ph(ids.length))).all(...ids, ...args)) {
    if (!out.has(row.k)) out.set(row.k, [])
    out.get(row.k)!.push(row.v)
  }
  return out
}

/** Visible media of items, in position order. */
function itemMediaOf(db: Db, itemIds: readonly number[], user: User | null): Map<number, number[]> {
  const vis = visibleSql(user)
  return grouped(
    db,
    `SELECT m.item_id AS k, m.id AS v FROM media m JOIN resource r ON r.id = m.id WHERE m.item_id IN ($IDS) AND ${vis.sql} ORDER BY m.item_id, m.position, m.id`,
    itemIds,
    vis.args,
  )
}

/**
 * The primary media of each resource: an item's chosen one or its first visible media; an item set's is
 * the primary media of its first item that has one; a media is its own.
 */
export function primaryMediaIds(db: Db, rows: readonly ResourceRow[], user: User | null): Map<number, number> {
  const out = new Map<number, number>()
  const items = rows.filter((r) => r.kind === 'items').map((r) => r.id)
  const media = itemMediaOf(db, items, user)
  const chosen = new Map(
    items.length === 0
      ? []
      : prepared<{ id: number; pm: number | null }>(
          db,
          `SELECT id, primary_media_id AS pm FROM item WHERE id IN (${ph(items.length)})`,
        )
          .all(...items)
          .map((r) => [r.id, r.pm]),
  )
  for (const id of items) {
    const list = media.get(id) ?? []
    const pm = chosen.get(id)
    const pick = pm !== null && pm !== undefined && list.includes(pm) ? pm : list[0]
    if (pick !== undefined) out.set(id, pick)
  }
  const vis = visibleSql(user, 'mr')
  for (const set of rows.filter((r) => r.kind === 'item_sets')) {
    const row = prepared<{ pm: number | null }>(
      db,
      `SELECT (SELECT m.id FROM media m JOIN resource mr ON mr.id = m.id WHERE m.item_id = i.id AND m.has_thumbnails = 1 AND ${vis.sql} ORDER BY m.id = i.primary_media_id DESC, m.position, m.id LIMIT 1) AS pm
         FROM item_item_set iis JOIN item i ON i.id = iis.item_id JOIN resource r ON r.id = i.id
         WHERE iis.item_set_id = ? AND r.is_public = 1 AND EXISTS (SELECT 1 FROM media m WHERE m.item_id = i.id AND m.has_thumbnails = 1) ORDER BY i.id LIMIT 1`,
    ).get(...vis.args, set.id)
    if (row?.pm) out.set(set.id, row.pm)
  }
  for (const m of rows.filter((r) => r.kind === 'media')) out.set(m.id, m.id)
  return out
}

/** Loads the relations of a page of resources. */
export function loadRelations(
  db: Db,
  urls: { file(kind: string, name: string): string },
  rows: readonly ResourceRow[],
  user: User | null,
): Relations {
  const items = rows.filter((r) => r.kind === 'items').map((r) => r.id)
  const sets = rows.filter((r) => r.kind === 'item_sets').map((r) => r.id)
  const primaryMedia = primaryMediaIds(db, rows, user)
  const vis = visibleSql(user)
  const assetIds = rows.map((r) => r.thumbnailId).filter((id): id is number => id !== null)
  const assets = new Map(
    assetIds.length === 0
      ? []
      : prepared<{ id: number; s: string; e: string | null }>(
          db,
          `SELECT id, storage_id AS s, extension AS e FROM asset WHERE id IN (${ph(assetIds.length)})`,
        )
          .all(...assetIds)
          .map((a) => [a.id, urls.file('asset', a.e ? `${a.s}.${a.e}` : a.s)]),
  )
  return {
    primaryMedia,
    media: loadMediaRows(db, [
      ...new Set([...primaryMedia.values(), ...rows.filter((r) => r.kind === 'media').map((r) => r.id)]),
    ]),
    itemMedia: itemMediaOf(db, items, user),
    itemSets: grouped(
      db,
      `SELECT iis.item_id AS k, iis.item_set_id AS v FROM item_item_set iis JOIN resource r ON r.id = iis.item_set_id WHERE iis.item_id IN ($IDS) AND ${vis.sql} ORDER BY iis.item_id, iis.position`,
      items,
      vis.args,
    ),
    itemSites: grouped(
      db,
      'SELECT item_id AS k, site_id AS v FROM item_site WHERE item_id IN ($IDS) ORDER BY item_id, site_id',
      items,
    ),
    isOpen: new Map(
      sets.length === 0
        ? []
        : prepared<{
            id: number
            o: number
          }>(db, `SELECT id, is_open AS o FROM item_set WHERE id IN (${ph(sets.length)})`)
            .all(...sets)
            .map((s) => [s.id, s.o === 1]),
    ),
    assets,
  }
}

/** The media-specific keys (MediaRepresentation). */
export function mediaRelations(scope: RenderScope, m: MediaRow): Record<string, unknown> {
  const filename = m.storageId ? (m.extension ? `${m.storageId}.${m.extension}` : m.storageId) : null
  return {
    'o:ingester': m.ingester,
    'o:renderer': m.renderer,
    'o:item': ref(scope.urls, 'items', m.itemId),
    'o:source': m.source,
    'o:media_type': m.mediaType,
    'o:sha256': m.sha256,
    'o:size': m.size,
    'o:filename': filename,
    'o:lang': m.lang,
    'o:alt_text': m.altText,
    'o:original_url': m.hasOriginal && filename ? scope.urls.file('original', filename) : null,
    'o:thumbnail_urls': m.hasThumbnails ? mediaThumbnails(scope.urls, m) : [],
    data: m.data === null ? [] : JSON.parse(m.data),
  }
}
