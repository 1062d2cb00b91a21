import { ciSortKey } from '../../../db/mysql-collation.js'
import type { Db } from '../../../db/client.js'
import { can, type Actor } from '../../../acl.js'
import { scalarParam, type PhpArray } from '../../../../core/http/php-query.js'
import { Where, sortDirection } from '../../../shared.js'
import { sortableColumn } from '../../../sorting.js'
import type { TagRef } from '../../../api/tags/tags.repo.js'

export interface ExhibitRow {
  id: number
  title: string
  slug: string
  description: string
  credits: string
  featured: boolean
  public: boolean
  added: string
  modified: string
  ownerId: number | null
}

export interface ExhibitRelations {
  tags: Map<number, TagRef[]>
  pageCounts: Map<number, number>
}

const SELECT = `SELECT e.id, e.title, e.slug, e.description, e.credits, e.featured, e.public, e.added, e.modified, e.owner_id AS ownerId FROM exhibits e`
const COLUMNS = [
  'id',
  'title',
  'slug',
  'description',
  'credits',
  'featured',
  'public',
  'theme',
  'theme_options',
  'added',
  'modified',
  'owner_id',
  'use_summary_page',
  'cover_image_file_id',
] as const
const TEXT_COLUMNS = new Set(['title', 'slug', 'description', 'credits', 'theme', 'theme_options'])

type Raw = Omit<ExhibitRow, 'featured' | 'public'> & { featured: number; public: number }
const toRow = (r: Raw): ExhibitRow => ({ ...r, featured: r.featured === 1, public: r.public === 1 })

/**
 * The exhibits `actor` may see, as ExhibitBuilder's public permissions apply them to `e`: every
 * exhibit for super and admin, public ones plus their own for contributors, public ones otherwise.
 */
export function exhibitVisibility(w: Where, actor: Actor | null): Where {
  if (can(actor, 'showNotPublic', 'Exhibits')) return w
  if (actor && can(actor, 'showNotPublic', 'Exhibits', { ownerId: actor.id }))
    return w.add('(e.public = 1 OR e.owner_id = ?)', actor.id)
  return w.add('e.public = 1')
}

/** One exhibit the caller may see, or undefined. */
export function findExhibit(db: Db, id: number, actor: Actor | null): ExhibitRow | undefined {
  const w = exhibitVisibility(new Where().add('e.id = ?', id), actor)
  const r = db.$client.prepare<unknown[], Raw>(`${SELECT} ${w.sql()}`).get(...w.args)
  return r && toRow(r)
}

// PHP's (bool) cast, which Omeka's filterByPublic/filterByFeatured apply: only "" and "0" are false.
const phpBool = (v: string) => v !== '' && v !== '0'

/** The WHERE of Table_Exhibit::applySearchFilters (tag/tags, public, featured; `sort` is ignored). */
export function exhibitsWhere(query: PhpArray, actor: Actor | null, bugCompat = false): Where {
  const w = exhibitVisibility(new Where(), actor)
  for (const name of ['tag', 'tags']) {
    const v = query.get(name)
    if (typeof v !== 'string') continue
    // Each name must be present (ExhibitBuilder ANDs them on one join, so two never match: docs/compatibility.md).
    const tags = v
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '')
    // Bug-compatible: one tag row cannot carry two different names.
    if (bugCompat && new Set(tags.map(ciSortKey)).size > 1) w.add('0 = 1')
    for (const tag of tags)
      w.add(
        `e.id IN (SELECT rt.record_id FROM records_tags rt JOIN tags t ON t.id = rt.tag_id WHERE rt.record_type = 'Exhibit' AND t.name = ? COLLATE NOCASE)`,
        tag,
      )
  }
  for (const name of ['public', 'featured'] as const) {
    const v = query.get(name)
    if (typeof v === 'string') w.add(`e.${name} = ?`, phpBool(v) ? 1 : 0)
  }
  return w
}

/** ORDER BY for `sort_field` (any column of the table), ties in id order; id ASC by default. */
export function exhibitsOrder(query: PhpArray): string {
  const column = sortableColumn(scalarParam(query, 'sort_field') ?? '', COLUMNS)
  if (!column) return 'e.id ASC'
  return `e.${column}${TEXT_COLUMNS.has(column) ? ' COLLATE NOCASE' : ''} ${sortDirection(query)}, e.id ASC`
}

/** A page of exhibits with the total count. */
export function searchExhibits(
  db: Db,
  where: Where,
  order: string,
  page: number,
  perPage: number,
): { rows: ExhibitRow[]; total: number } {
  const total = db.$client
    .prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM exhibits e ${where.sql()}`)
    .get(...where.args)!.n
  const rows = db.$client
    .prepare<unknown[], Raw>(`${SELECT} ${where.sql()} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...where.args, perPage, (page - 1) * perPage)
  return { rows: rows.map(toRow), total }
}

/** Tags (by name) and page counts (all levels) of these exhibits, in two queries. */
export function loadExhibitRelations(db: Db, ids: readonly number[]): ExhibitRelations {
  const json = JSON.stringify(ids)
  const tags = new Map<number, TagRef[]>()
  const tagRows = db.$client
    .prepare<unknown[], { recordId: number; id: number; name: string }>(
      `SELECT rt.record_id AS recordId, t.id, t.name FROM records_tags rt JOIN tags t ON t.id = rt.tag_id
       WHERE rt.record_type = 'Exhibit' AND rt.record_id IN (SELECT value FROM json_each(?)) ORDER BY t.name COLLATE NOCASE, t.id`,
    )
    .all(json)
  for (const r of tagRows) tags.set(r.recordId, [...(tags.get(r.recordId) ?? []), { id: r.id, name: r.name }])
  const counts = db.$client
    .prepare<unknown[], { id: number; n: number }>(
      'SELECT exhibit_id AS id, COUNT(*) AS n FROM exhibit_pages WHERE exhibit_id IN (SELECT value FROM json_each(?)) GROUP BY exhibit_id',
    )
    .all(json)
  return { tags, pageCounts: new Map(counts.map((c) => [c.id, c.n])) }
}

/** The stored fields of an exhibit the API knows about. */
export type ExhibitFields = Omit<ExhibitRow, 'id'>

/** Inserts an exhibit (with a given id when loading a fixture) and returns its id. */
export function insertExhibit(db: Db, f: ExhibitFields, id: number | null = null): number {
  const res = db.$client
    .prepare(
      'INSERT INTO exhibits (id, title, slug, description, credits, featured, public, added, modified, owner_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      id,
      f.title,
      f.slug,
      f.description,
      f.credits,
      f.featured ? 1 : 0,
      f.public ? 1 : 0,
      f.added,
      f.modified,
      f.ownerId,
    )
  return Number(res.lastInsertRowid)
}

/** Rewrites an exhibit's API-visible fields. */
export function updateExhibit(db: Db, id: number, f: ExhibitFields): void {
  db.$client
    .prepare(
      'UPDATE exhibits SET title = ?, slug = ?, description = ?, credits = ?, featured = ?, public = ?, added = ?, modified = ?, owner_id = ? WHERE id = ?',
    )
    .run(
      f.title,
      f.slug,
      f.description,
      f.credits,
      f.featured ? 1 : 0,
      f.public ? 1 : 0,
      f.added,
      f.modified,
      f.ownerId,
      id,
    )
}

/** Sets an exhibit's tags to exactly these tag ids (tags are shared with items). */
export function setExhibitTags(db: Db, exhibitId: number, tagIds: readonly number[], time: string): void {
  db.$client.prepare(`DELETE FROM records_tags WHERE record_type = 'Exhibit' AND record_id = ?`).run(exhibitId)
  const add = db.$client.prepare(
    `INSERT OR IGNORE INTO records_tags (record_id, record_type, tag_id, time) VALUES (?, 'Exhibit', ?, ?)`,
  )
  for (const tagId of tagIds) add.run(exhibitId, tagId, time)
}

/** Deletes an exhibit with its pages, blocks and attachments (cascade) and its taggings. */
export function deleteExhibit(db: Db, id: number): void {
  db.$client.prepare(`DELETE FROM records_tags WHERE record_type = 'Exhibit' AND record_id = ?`).run(id)
  db.$client.prepare('DELETE FROM exhibits WHERE id = ?').run(id)
}
