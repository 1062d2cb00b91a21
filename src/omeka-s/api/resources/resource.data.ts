import { prepared, type Db } from '../../db/client.js'
import { viewsAll, type User } from '../../acl.js'

export type ResourceKind = 'items' | 'item_sets' | 'media'
/** A kind, or `resources` (the /api/resources index of every kind). */
export type SearchKind = ResourceKind | 'resources'

export interface ResourceRow {
  id: number
  kind: ResourceKind
  ownerId: number | null
  classId: number | null
  templateId: number | null
  thumbnailId: number | null
  title: string | null
  isPublic: boolean
  created: string
  modified: string | null
}

export interface ValueRow {
  id: number
  resourceId: number
  propertyId: number
  valueResourceId: number | null
  type: string
  lang: string | null
  value: string | null
  uri: string | null
  isPublic: boolean
}

export interface MediaRow {
  id: number
  itemId: number
  ingester: string
  renderer: string
  data: string | null
  source: string | null
  mediaType: string | null
  storageId: string | null
  extension: string | null
  sha256: string | null
  size: number | null
  hasOriginal: boolean
  hasThumbnails: boolean
  position: number | null
  lang: string | null
  altText: string | null
}

export const RESOURCE_COLUMNS = `r.id, r.resource_type AS kind, r.owner_id AS ownerId, r.resource_class_id AS classId, r.resource_template_id AS templateId,
  r.thumbnail_id AS thumbnailId, r.title, r.is_public AS isPublic, r.created, r.modified`

const MEDIA_COLUMNS = `id, item_id AS itemId, ingester, renderer, data, source, media_type AS mediaType, storage_id AS storageId, extension, sha256, size,
  has_original AS hasOriginal, has_thumbnails AS hasThumbnails, position, lang, alt_text AS altText`

const bools = <T>(row: T, keys: (keyof T)[]): T => {
  for (const k of keys) (row as Record<keyof T, unknown>)[k] = row[k] === 1
  return row
}

/** SQL fragment: the resource alias `r` is visible to the user (ResourceVisibilityFilter). */
export function visibleSql(user: User | null, alias = 'r'): { sql: string; args: unknown[] } {
  if (viewsAll(user)) return { sql: '1', args: [] }
  if (!user) return { sql: `${alias}.is_public = 1`, args: [] }
  return { sql: `(${alias}.is_public = 1 OR ${alias}.owner_id = ?)`, args: [user.id] }
}

/** SQL fragment: value alias `u` of resource alias `r` is visible to the user (ValueVisibilityFilter). */
export function valueVisibleSql(user: User | null): { sql: string; args: unknown[] } {
  if (viewsAll(user)) return { sql: '1', args: [] }
  if (!user) return { sql: 'u.is_public = 1', args: [] }
  return { sql: '(u.is_public = 1 OR r.owner_id = ?)', args: [user.id] }
}

const placeholders = (n: number) => Array(n).fill('?').join(', ')

/** Resource rows by id, visible to the user, in the order of `ids`. */
export function loadResources(db: Db, ids: readonly number[], user: User | null, kind?: ResourceKind): ResourceRow[] {
  if (ids.length === 0) return []
  const vis = visibleSql(user)
  const rows = prepared<ResourceRow>(
    db,
    `SELECT ${RESOURCE_COLUMNS} FROM resource r WHERE r.id IN (${placeholders(ids.length)}) AND ${vis.sql}${kind ? ' AND r.resource_type = ?' : ''}`,
  ).all(...ids, ...vis.args, ...(kind ? [kind] : []))
  const byId = new Map(rows.map((r) => [r.id, bools(r, ['isPublic'])]))
  return ids.map((id) => byId.get(id)).filter((r): r is ResourceRow => r !== undefined)
}

/** Media rows by id. */
export function loadMediaRows(db: Db, ids: readonly number[]): Map<number, MediaRow> {
  if (ids.length === 0) return new Map()
  const rows = prepared<MediaRow>(
    db,
    `SELECT ${MEDIA_COLUMNS} FROM media WHERE id IN (${placeholders(ids.length)})`,
  ).all(...ids)
  return new Map(rows.map((m) => [m.id, bools(m, ['hasOriginal', 'hasThumbnails'])]))
}

/** Values of these resources visible to the user (ValueVisibilityFilter), in stored order. */
export function loadValues(db: Db, owners: readonly ResourceRow[], user: User | null): Map<number, ValueRow[]> {
  const out = new Map<number, ValueRow[]>(owners.map((r) => [r.id, []]))
  if (owners.length === 0) return out
  const all = viewsAll(user)
  const rows = prepared<ValueRow>(
    db,
    `SELECT id, resource_id AS resourceId, property_id AS propertyId, value_resource_id AS valueResourceId, type, lang, value, uri, is_public AS isPublic
       FROM value WHERE resource_id IN (${placeholders(owners.length)}) ORDER BY id`,
  ).all(...owners.map((r) => r.id))
  const ownerOf = new Map(owners.map((r) => [r.id, r.ownerId]))
  for (const v of rows) {
    bools(v, ['isPublic'])
    if (!all && !v.isPublic && !(user && ownerOf.get(v.resourceId) === user.id)) continue
    out.get(v.resourceId)!.push(v)
  }
  return out
}
