import type { Db } from '../../db/client.js'
import { cachedAll, cachedCount, statement } from '../../statements.js'
import { scalarParam, type PhpArray } from '../../../core/http/php-query.js'
import {
  loadElementTexts,
  type ElementTextRow,
  type ElementTextInput,
  replaceElementTexts,
  deleteElementTexts,
} from '../element-texts/element-texts.repo.js'
import { ApiError } from '../../../core/http/errors.js'
import { likeEscape } from '../../db/mysql-collation.js'
import { refreshItemSearch, searchPlan } from '../../db/search-words.js'
import { Where, filterValue, filterList, queryBool, addSinceFilter, sortDirection, nowStored } from '../../shared.js'
import { elementSortKey, sortableColumn, withIdTies } from '../../sorting.js'
import { replaceTags, type TagRef, loadTags, deleteTaggings } from '../tags/tags.repo.js'

export interface ItemRow {
  id: number
  itemTypeId: number | null
  collectionId: number | null
  featured: boolean
  public: boolean
  added: string
  modified: string
  ownerId: number | null
}

export interface ItemRelations {
  itemTypeName: Map<number, string>
  /** Collections the caller may see (others are rendered as null). */
  visibleCollections: Set<number>
  fileCounts: Map<number, number>
  tags: Map<number, TagRef[]>
  elementTexts: Map<number, ElementTextRow[]>
}

const ITEM_COLUMNS = [
  'id',
  'item_type_id',
  'collection_id',
  'featured',
  'public',
  'added',
  'modified',
  'owner_id',
] as const

const SELECT_ITEM = `SELECT id, item_type_id AS itemTypeId, collection_id AS collectionId, featured, public, added, modified, owner_id AS ownerId FROM items`

type RawItem = Omit<ItemRow, 'featured' | 'public'> & { featured: number; public: number }
const toRow = (r: RawItem): ItemRow => ({ ...r, featured: r.featured === 1, public: r.public === 1 })

// Item ids by tag name. CROSS JOIN makes SQLite start from the (few) matching tags and use the tag index,
// instead of walking every Item tagging and looking its tag up (6,000+ rows for each request).
const ITEM_TAGGINGS = `SELECT rt.record_id FROM tags t CROSS JOIN records_tags rt ON rt.tag_id = t.id WHERE rt.record_type = 'Item'`

/** One item, or undefined; `seePrivate` false hides non-public items as Omeka's permissions do. */
export function findItem(db: Db, id: number, seePrivate: boolean): ItemRow | undefined {
  const r = statement<RawItem>(db, `${SELECT_ITEM} WHERE id = ?${seePrivate ? '' : ' AND public = 1'}`).get(id)
  return r && toRow(r)
}

/** The WHERE clause of Omeka's items browse for these query filters (Table_Item::applySearchFilters). */
export function itemsWhere(
  db: Db,
  query: PhpArray,
  seePrivate: boolean,
  tagDelimiter: string,
  bugCompat = false,
): Where {
  const w = new Where()
  if (!seePrivate) w.add('items.public = 1')
  for (const [name] of query) {
    const v = filterValue(query, name)
    if (v === undefined) continue
    switch (name) {
      case 'owner':
        w.add('items.owner_id = ?', intOf(filterList(v)[0]))
        break
      case 'public':
      case 'featured':
        if (typeof v === 'string') w.add(`items.${name} = ?`, queryBool(v) ? 1 : 0)
        break
      case 'collection': {
        const ids = filterList(v).map(intOf)
        const clauses = ids.map((id) => (id === 0 ? 'items.collection_id IS NULL' : 'items.collection_id = ?'))
        w.add(`(${clauses.join(' OR ') || '0'})`, ...ids.filter((id) => id !== 0))
        break
      }
      case 'item_type': {
        const values = filterList(v)
        const clauses: string[] = []
        const args: unknown[] = []
        for (const t of values) {
          if (/^\s*\d+\s*$/.test(t)) {
            if (intOf(t) === 0) clauses.push('items.item_type_id IS NULL')
            else {
              clauses.push('items.item_type_id = ?')
              args.push(intOf(t))
            }
          } else {
            clauses.push('items.item_type_id IN (SELECT id FROM item_types WHERE name = ? COLLATE NOCASE)')
            args.push(t)
          }
        }
        w.add(`(${clauses.join(' OR ') || '0'})`, ...args)
        break
      }
      case 'tags':
        // filterByTags: every delimited name, trimmed (an empty one matches nothing), must be a tag of the item.
        for (const tag of tagList(v, tagDelimiter))
          w.add(`items.id IN (${ITEM_TAGGINGS} AND omeka_fold(t.name) = omeka_fold(?))`, tag.trim())
        break
      case 'excludeTags': {
        // filterByExcludedTags: names are LIKE patterns, untrimmed. Omeka ANDs them on one tag row (so two
        // names exclude nothing); here an item goes when one of its tags is like any of them.
        const tags = tagList(v, tagDelimiter)
        const match = tags.map(() => 'mysql_like(t.name, ?)').join(bugCompat ? ' AND ' : ' OR ')
        w.add(`items.id NOT IN (${ITEM_TAGGINGS} AND (${match}))`, ...tags)
        break
      }
      case 'hasImage':
        if (typeof v === 'string')
          w.add('items.id IN (SELECT item_id FROM files WHERE has_derivative_image = ?)', queryBool(v) ? 1 : 0)
        break
      case 'range':
        if (typeof v === 'string') {
          const parts = v.split(',').map((expr) => {
            if (expr.includes('-')) {
              const [a, b] = expr.split('-')
              return `(items.id BETWEEN ${intOf(a)} AND ${intOf(b)})`
            }
            return `(items.id = ${intOf(expr)})`
          })
          w.add(`(${parts.join(' OR ')})`)
        }
        break
      case 'added_since':
      case 'modified_since': {
        if (typeof v === 'string')
          addSinceFilter(w, `items.${name === 'added_since' ? 'added' : 'modified'}`, v, bugCompat)
        break
      }
    }
  }
  // filterBySearch reads its two parameters itself: a blank `search` (not "0") still searches.
  const search = query.get('search')
  if (typeof search === 'string' && !phpEmpty(search)) addSimpleSearch(db, w, search)
  const advanced = query.get('advanced')
  if (advanced instanceof Map) addAdvancedSearch(w, advanced)
  return w
}

/** PHP's (int) cast: digits past the integer range saturate (kept a safe integer, as it is written into SQL). */
function intOf(s: string | undefined): number {
  const n = parseInt((s ?? '').trim(), 10)
  return Number.isNaN(n) ? 0 : Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, n))
}

/** The names of a tags filter: exploded on the delimiter (a string) or the array's values, untouched. */
export function tagList(v: string | PhpArray, delimiter: string): string[] {
  return typeof v === 'string' ? v.split(delimiter) : filterList(v)
}

/** LIKE pattern for a substring, with LIKE's own wildcards escaped (for callers that want a literal match). */
export function likeContains(s: string): string {
  return `%${likeEscape(s)}%`
}

/**
 * Omeka's simple search (Table_Item::_simpleSearch): an element text of the item is LIKE `%terms%` (the
 * terms' own `%` and `_` are wildcards, `\` escapes), or the item has a tag named like one of the
 * whitespace-separated words or the whole string, all under MySQL's case- and accent-insensitive collation.
 */
function addSimpleSearch(db: Db, w: Where, terms: string) {
  const words = terms.split(/\s+/)
  const tagNames = words.length > 1 ? [...words, terms] : words
  const tagged = `items.id IN (${ITEM_TAGGINGS} AND omeka_fold(t.name) IN (SELECT omeka_fold(value) FROM json_each(?)))`
  const pattern = `%${terms}%`
  const like = `SELECT et.record_id FROM element_texts et WHERE et.record_type = 'Item' AND mysql_like(et.text, ?)`
  // The word index (search-words.ts) finds the candidates; the LIKE itself runs only where it is not exact.
  const plan = searchPlan(pattern)
  refreshItemSearch(db.$client)
  if (!plan) {
    w.add(`(items.id IN (${like}) OR ${tagged})`, pattern, JSON.stringify(tagNames))
    return
  }
  // Items whose words are stale (texts written since they were indexed) are read by LIKE.
  const stale = 'SELECT item_id FROM item_search_fts_stale'
  const matched = 'SELECT rowid FROM item_search_fts WHERE item_search_fts MATCH ?'
  const liked = `EXISTS (SELECT 1 FROM element_texts et WHERE et.record_type = 'Item' AND et.record_id = items.id AND mysql_like(et.text, ?))`
  const texts = plan.exact
    ? `(items.id IN (${matched}) AND items.id NOT IN (${stale})) OR (items.id IN (${stale}) AND ${liked})`
    : `items.id IN (${matched} UNION ALL ${stale}) AND ${liked}`
  w.add(`((${texts}) OR ${tagged})`, plan.match, pattern, JSON.stringify(tagNames))
}

/** One advanced-search row as Table_Item::_advancedSearch reads it: the text predicate and whether it is negated. */
export function advancedPredicate(
  type: string,
  terms: string | undefined,
): { sql: string; arg?: string; negate: boolean } | 'skip' | 'invalid' {
  const value = terms ?? ''
  switch (type) {
    case 'contains':
    case 'does not contain':
      return { sql: 'mysql_like(text, ?)', arg: `%${value}%`, negate: type !== 'contains' }
    case 'is exactly':
    case 'is not exactly':
      return { sql: 'omeka_fold(text) = omeka_fold(?)', arg: value, negate: type !== 'is exactly' }
    case 'is empty':
    case 'is not empty':
      return { sql: 'text IS NOT NULL', negate: type === 'is empty' }
    case 'starts with':
      return { sql: 'mysql_like(text, ?)', arg: `${value}%`, negate: false }
    case 'ends with':
      return { sql: 'mysql_like(text, ?)', arg: `%${value}`, negate: false }
    case 'matches':
    case 'does not match':
      if (value === '') return 'skip'
      return { sql: 'mysql_regexp(text, ?)', arg: value, negate: type !== 'matches' }
    default:
      return 'invalid'
  }
}

/**
 * Omeka's advanced search (Table_Item::_advancedSearch): each row with an element id and a type LEFT JOINs
 * the element's texts; a plain row needs some text satisfying the predicate, a negated one ("does not …",
 * "is empty", "is not exactly") needs none to. Rows are chained in order with AND, or with OR when the
 * row's joiner is exactly `or`, without parentheses, so SQL precedence applies (AND before OR).
 */
function addAdvancedSearch(w: Where, rows: PhpArray) {
  const parts: string[] = []
  const args: unknown[] = []
  for (const row of rows.values()) {
    if (!(row instanceof Map)) continue
    const elementText = scalarParam(row, 'element_id')
    const type = scalarParam(row, 'type')
    if (phpEmpty(elementText) || phpEmpty(type)) continue
    const pred = advancedPredicate(type!, scalarParam(row, 'terms'))
    if (pred === 'skip') continue
    if (pred === 'invalid') throw new ApiError(500, 'Invalid search type given!')
    const joiner = parts.length > 0 ? scalarParam(row, 'joiner') : undefined
    const texts = `SELECT 1 FROM element_texts WHERE record_type = 'Item' AND record_id = items.id AND element_id = ? AND ${pred.sql}`
    const clause = `${pred.negate ? 'NOT ' : ''}EXISTS (${texts})`
    if (parts.length > 0) parts.push(joiner === 'or' ? 'OR' : 'AND')
    parts.push(clause)
    args.push(intOf(elementText), ...(pred.arg !== undefined ? [pred.arg] : []))
  }
  if (parts.length) w.add(`(${parts.join(' ')})`, ...args)
}

/** PHP's empty() for a request value: missing, '' and '0' are empty. */
export function phpEmpty(v: string | undefined): boolean {
  return v === undefined || v === '' || v === '0'
}

/** ORDER BY for the items browse: a column, `random`, or "Element Set,Element"; id breaks ties. */
export function itemsOrder(db: Db, query: PhpArray): string {
  const field = scalarParam(query, 'sort_field')
  const dir = sortDirection(query)
  if (!field) return 'items.id ASC'
  if (field === 'random') return 'RANDOM()'
  const column = sortableColumn(field, ITEM_COLUMNS)
  if (column) return withIdTies(`items.${column}`, 'items.id', dir)
  const byElement = elementSortKey(db, field, 'Item', 'items.id')
  return byElement ? byElement(dir) : 'items.id ASC'
}

/** A page of items matching the query, with the total count. */
export function searchItems(
  db: Db,
  where: Where,
  order: string,
  page: number,
  perPage: number,
): { rows: ItemRow[]; total: number } {
  const total = cachedCount(db, `SELECT COUNT(*) FROM items ${where.sql()}`, where.args)
  const rows = cachedAll(db, `${SELECT_ITEM} ${where.sql()} ORDER BY ${order} LIMIT ? OFFSET ?`, [
    ...where.args,
    perPage,
    (page - 1) * perPage,
  ]) as RawItem[]
  return { rows: rows.map(toRow), total }
}

/** Everything the representation of these items needs, in a fixed number of queries. */
export function loadItemRelations(db: Db, rows: readonly ItemRow[], seePrivate: boolean): ItemRelations {
  const ids = rows.map((r) => r.id)
  const json = JSON.stringify(ids)
  const typeIds = [...new Set(rows.map((r) => r.itemTypeId).filter((x): x is number => x !== null))]
  const collectionIds = [...new Set(rows.map((r) => r.collectionId).filter((x): x is number => x !== null))]
  const itemTypeName = new Map(
    statement<{ id: number; name: string }>(
      db,
      'SELECT id, name FROM item_types WHERE id IN (SELECT value FROM json_each(?))',
    )
      .all(JSON.stringify(typeIds))
      .map((r) => [r.id, r.name]),
  )
  const visibleCollections = new Set(
    statement<{ id: number }>(
      db,
      `SELECT id FROM collections WHERE id IN (SELECT value FROM json_each(?))${seePrivate ? '' : ' AND public = 1'}`,
    )
      .all(JSON.stringify(collectionIds))
      .map((r) => r.id),
  )
  const fileCounts = new Map(
    statement<{ id: number; n: number }>(
      db,
      'SELECT item_id AS id, COUNT(*) AS n FROM files WHERE item_id IN (SELECT value FROM json_each(?)) GROUP BY item_id',
    )
      .all(json)
      .map((r) => [r.id, r.n]),
  )
  return {
    itemTypeName,
    visibleCollections,
    fileCounts,
    tags: loadTags(db, 'Item', ids),
    elementTexts: loadElementTexts(db, 'Item', ids),
  }
}

export interface ItemWrite {
  itemTypeId?: number | null
  collectionId?: number | null
  public?: boolean
  featured?: boolean
  ownerId?: number | null
  added?: string
  modified?: string
  tags?: string[]
  elementTexts?: ElementTextInput[]
}

/** Inserts an item with its element texts and tags; the caller wraps this in a transaction. */
export function insertItem(db: Db, w: ItemWrite, id?: number): number {
  const now = nowStored()
  const res = statement(
    db,
    'INSERT INTO items (id, item_type_id, collection_id, featured, public, added, modified, owner_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    id ?? null,
    w.itemTypeId ?? null,
    w.collectionId ?? null,
    w.featured ? 1 : 0,
    w.public ? 1 : 0,
    w.added ?? now,
    w.modified ?? now,
    w.ownerId ?? null,
  )
  const itemId = Number(res.lastInsertRowid)
  if (w.elementTexts) replaceElementTexts(db, 'Item', itemId, w.elementTexts)
  if (w.tags) replaceTags(db, 'Item', itemId, w.tags)
  return itemId
}

/** Updates the given fields of an item; element texts and tags are replaced when given. */
export function updateItem(db: Db, id: number, w: ItemWrite): void {
  const sets: string[] = []
  const args: unknown[] = []
  const put = (col: string, v: unknown) => {
    sets.push(`${col} = ?`)
    args.push(v)
  }
  if (w.itemTypeId !== undefined) put('item_type_id', w.itemTypeId)
  if (w.collectionId !== undefined) put('collection_id', w.collectionId)
  if (w.public !== undefined) put('public', w.public ? 1 : 0)
  if (w.featured !== undefined) put('featured', w.featured ? 1 : 0)
  if (w.ownerId !== undefined) put('owner_id', w.ownerId)
  if (w.added !== undefined) put('added', w.added)
  put('modified', w.modified ?? nowStored())
  db.$client.prepare(`UPDATE items SET ${sets.join(', ')} WHERE id = ?`).run(...args, id)
  if (w.elementTexts) replaceElementTexts(db, 'Item', id, w.elementTexts)
  if (w.tags) replaceTags(db, 'Item', id, w.tags)
}

/** Deletes an item and everything that hangs off it except stored bytes; returns its files' stored names. */
export function deleteItem(db: Db, id: number): string[] {
  const files = statement<{
    id: number
    filename: string
  }>(db, 'SELECT id, filename FROM files WHERE item_id = ?').all(id)
  for (const f of files) deleteElementTexts(db, 'File', f.id)
  statement(db, 'DELETE FROM files WHERE item_id = ?').run(id)
  deleteElementTexts(db, 'Item', id)
  deleteTaggings(db, 'Item', id)
  statement(db, 'DELETE FROM items WHERE id = ?').run(id)
  return files.map((f) => f.filename)
}
