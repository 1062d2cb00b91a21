import type { Db } from '../../../db/client.js'
import type { Actor } from '../../../acl.js'
import { scalarParam, type PhpArray } from '../../../../core/http/php-query.js'
import { Where, sortDirection } from '../../../shared.js'
import { sortableColumn } from '../../../sorting.js'
import { exhibitVisibility } from '../exhibits/exhibits.repo.js'

export interface PageRow {
  id: number
  exhibitId: number
  parentId: number | null
  title: string
  slug: string
  order: number
}

export interface BlockRow {
  id: number
  pageId: number
  layout: string
  /** The stored JSON text, or null (text blocks). */
  options: string | null
  text: string | null
  order: number
}

export interface AttachmentRow {
  id: number
  blockId: number
  itemId: number
  fileId: number | null
  caption: string | null
  order: number
}

export interface PageRelations {
  blocks: Map<number, BlockRow[]>
  attachments: Map<number, AttachmentRow[]>
}

const SELECT = `SELECT p.id, p.exhibit_id AS exhibitId, p.parent_id AS parentId, p.title, p.slug, p."order" FROM exhibit_pages p JOIN exhibits e ON e.id = p.exhibit_id`
const COLUMNS = ['id', 'exhibit_id', 'parent_id', 'title', 'short_title', 'slug', 'order'] as const
const TEXT_COLUMNS = new Set(['title', 'short_title', 'slug'])

/** One page of an exhibit the caller may see, or undefined. */
export function findPage(db: Db, id: number, actor: Actor | null): PageRow | undefined {
  const w = exhibitVisibility(new Where().add('p.id = ?', id), actor)
  return db.$client.prepare<unknown[], PageRow>(`${SELECT} ${w.sql()}`).get(...w.args)
}

/**
 * ExhibitBuilder's filterByItem as it is: an inner join of blocks and attachments, so a page comes once per
 * attachment of the item (bug-compatible only; the totals count pages once, Omeka_Db_Table counts DISTINCT ids).
 */
export const ITEM_JOIN =
  ' JOIN exhibit_page_blocks b ON b.page_id = p.id JOIN exhibit_block_attachments a ON a.block_id = b.id'

/** Adds the item filter: once per page, or (bug-compatible) on ITEM_JOIN, once per attachment. */
export function pagesWithItem(w: Where, itemId: number, perAttachment = false): Where {
  if (perAttachment) return w.add('a.item_id = ?', itemId)
  return w.add(
    'p.id IN (SELECT b.page_id FROM exhibit_page_blocks b JOIN exhibit_block_attachments a ON a.block_id = b.id WHERE a.item_id = ?)',
    itemId,
  )
}

/**
 * The WHERE of Table_ExhibitPage::applySearchFilters; each filter applies when the parameter is
 * present. `exhibit`/`parent` ignore what is not is_numeric() as ExhibitBuilder does; a non-numeric `order` or
 * `item` matches nothing (docs/compatibility.md).
 */
export function pagesWhere(query: PhpArray, actor: Actor | null, bugCompat = false): Where {
  const w = exhibitVisibility(new Where(), actor)
  const text = (name: string) => {
    const v = query.get(name)
    return typeof v === 'string' ? v : undefined
  }
  // is_numeric() values are compared as numbers (MariaDB reads '1.0' and ' 1' as 1); others are ignored.
  const exhibit = text('exhibit')
  if (isPhpNumeric(exhibit)) w.add('p.exhibit_id = ?', Number(exhibit?.trim()))
  const parent = text('parent')
  if (isPhpNumeric(parent)) w.add('p.parent_id = ?', Number(parent?.trim()))
  if (query.has('topOnly')) w.add('p.parent_id IS NULL')
  // `order` and `item` reach MariaDB as strings compared with integer columns. Bug-compatible: compared as
  // MariaDB compares them (its number prefix: 'abc' is 0, '4abc' is 4, '1.5' matches no integer); otherwise
  // anything but a whole number matches nothing.
  const asNumber = (v: string) => (/^\s*-?\d+\s*$/.test(v) ? Number(v) : bugCompat ? mysqlNumberPrefix(v) : null)
  const order = text('order')
  if (order !== undefined) w.add('p."order" = ?', asNumber(order))
  const item = text('item')
  if (item !== undefined) {
    const id = asNumber(item)
    if (id !== null && Number.isInteger(id)) pagesWithItem(w, id, bugCompat)
    else w.add('0 = 1')
  }
  return w
}

/**
 * The order MariaDB returns Table_ExhibitPage's select in when it has no ORDER BY: InnoDB hands rows over in
 * the order of the index the plan reads (the tables' indexes are ExhibitBuilder's install SQL: exhibit_pages
 * PRIMARY (id), `exhibit_id_order` (exhibit_id, order), UNIQUE `exhibit_id_parent_id_slug` (exhibit_id,
 * parent_id, slug); exhibits `public` (public)), equal keys in primary-key order. The plan, as the recordings
 * show it (plugins 077-105):
 * - `exhibit=N` makes the exhibit a constant row; the pages are then read through the unique index when
 *   `parent`/`topOnly` fixes its second part (slug order), else through `exhibit_id_order` when `order` fixes
 *   its second part, else by a scan (id order);
 * - otherwise a caller who may not see every exhibit (`exhibits.public = 1` …) has the exhibits read first
 *   (through the `public` index: exhibit id order), each exhibit's pages through the unique index when
 *   `parent`/`topOnly` applies, else through `exhibit_id_order`;
 * - otherwise the pages are scanned (id order) and each is joined to its exhibit.
 * The `item` filter joins blocks and attachments after the pages, so it keeps this order.
 */
export function planOrder(query: PhpArray, actor: Actor | null): string {
  const given = (name: string) => {
    const v = query.get(name)
    return typeof v === 'string' ? v : undefined
  }
  const numeric = (name: string) => isPhpNumeric(given(name))
  const uniqueIndex = query.has('topOnly') || numeric('parent')
  if (numeric('exhibit')) {
    if (uniqueIndex) return 'p.slug COLLATE NOCASE, p.id'
    return 'p.id'
  }
  if (exhibitVisibility(new Where(), actor).clauses.length === 0) return 'p.id'
  if (uniqueIndex) return 'p.exhibit_id, p.slug COLLATE NOCASE, p.id'
  return 'p.exhibit_id, p."order", p.id'
}

/** MySQL's reading of a string as a number: the longest numeric prefix after leading spaces, else 0. */
function mysqlNumberPrefix(v: string): number {
  const m = /^[ \t\n\r]*([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)/.exec(v)
  return m ? Number(m[1]) : 0
}

/** PHP 8's is_numeric: optional leading whitespace, a sign, digits with an optional fraction and exponent, trailing whitespace. */
function isPhpNumeric(v: string | undefined): boolean {
  return v !== undefined && /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/.test(v)
}

/**
 * ORDER BY for `sort_field` (any column of the table); without one, id ASC (bug-compatible: the plan order
 * of MariaDB, since ExhibitBuilder adds no ORDER BY then).
 */
export function pagesOrder(query: PhpArray, actor: Actor | null = null, bugCompat = false): string {
  const column = sortableColumn(scalarParam(query, 'sort_field') ?? '', COLUMNS)
  if (!column) return bugCompat ? planOrder(query, actor) : 'p.id ASC'
  const dir = sortDirection(query)
  // Observed: ties come out in id order of the same direction.
  return `p."${column}"${TEXT_COLUMNS.has(column) ? ' COLLATE NOCASE' : ''} ${dir}, p.id ${dir}`
}

/** True when the WHERE reads the attachments of ITEM_JOIN. */
export const joinsItem = (where: Where) => where.clauses.includes('a.item_id = ?')

const from = (where: Where) =>
  `FROM exhibit_pages p JOIN exhibits e ON e.id = p.exhibit_id${joinsItem(where) ? ITEM_JOIN : ''}`

/** How many pages match (Omeka_Db_Table::count: distinct ids); `rows`: how many rows the select gives. */
export function countPages(db: Db, where: Where, rows = false): number {
  return (
    db.$client
      .prepare(`SELECT COUNT(${rows ? '*' : 'DISTINCT p.id'}) AS n ${from(where)} ${where.sql()}`)
      .get(...where.args) as { n: number }
  ).n
}

/** A page of pages with the total count. */
export function searchPages(
  db: Db,
  where: Where,
  order: string,
  page: number,
  perPage: number,
): { rows: PageRow[]; total: number } {
  // Joined attachments come in the order of the indexes that reach them: (page_id, order), (block_id, order).
  const dups = joinsItem(where) ? ', b."order", b.id, a."order", a.id' : ''
  const rows = db.$client
    .prepare(`${SELECT}${joinsItem(where) ? ITEM_JOIN : ''} ${where.sql()} ORDER BY ${order}${dups} LIMIT ? OFFSET ?`)
    .all(...where.args, perPage, (page - 1) * perPage) as PageRow[]
  return { rows, total: countPages(db, where) }
}

/** Blocks of these pages and attachments of those blocks, each list in its stored order. */
export function loadPageRelations(db: Db, pageIds: readonly number[]): PageRelations {
  const blocks = new Map<number, BlockRow[]>()
  const attachments = new Map<number, AttachmentRow[]>()
  const blockRows = db.$client
    .prepare<unknown[], BlockRow>(
      `SELECT id, page_id AS pageId, layout, options, text, "order" FROM exhibit_page_blocks WHERE page_id IN (SELECT value FROM json_each(?)) ORDER BY "order", id`,
    )
    .all(JSON.stringify(pageIds))
  for (const b of blockRows) blocks.set(b.pageId, [...(blocks.get(b.pageId) ?? []), b])
  const attRows = db.$client
    .prepare<unknown[], AttachmentRow>(
      `SELECT id, block_id AS blockId, item_id AS itemId, file_id AS fileId, caption, "order" FROM exhibit_block_attachments
       WHERE block_id IN (SELECT value FROM json_each(?)) ORDER BY "order", id`,
    )
    .all(JSON.stringify(blockRows.map((b) => b.id)))
  for (const a of attRows) attachments.set(a.blockId, [...(attachments.get(a.blockId) ?? []), a])
  return { blocks, attachments }
}

export type PageFields = Omit<PageRow, 'id'>
export type BlockFields = Omit<BlockRow, 'id'>
export type AttachmentFields = Omit<AttachmentRow, 'id'>

/** Inserts a page (its parent must exist already) and returns its id. */
export function insertPage(db: Db, f: PageFields, id: number | null = null): number {
  const res = db.$client
    .prepare('INSERT INTO exhibit_pages (id, exhibit_id, parent_id, title, slug, "order") VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, f.exhibitId, f.parentId, f.title, f.slug, f.order)
  return Number(res.lastInsertRowid)
}

export function updatePage(db: Db, id: number, f: PageFields): void {
  db.$client
    .prepare('UPDATE exhibit_pages SET exhibit_id = ?, parent_id = ?, title = ?, slug = ?, "order" = ? WHERE id = ?')
    .run(f.exhibitId, f.parentId, f.title, f.slug, f.order, id)
}

export function insertBlock(db: Db, f: BlockFields, id: number | null = null): number {
  const res = db.$client
    .prepare('INSERT INTO exhibit_page_blocks (id, page_id, layout, options, text, "order") VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, f.pageId, f.layout, f.options, f.text, f.order)
  return Number(res.lastInsertRowid)
}

export function insertAttachment(db: Db, f: AttachmentFields, id: number | null = null): number {
  const res = db.$client
    .prepare(
      'INSERT INTO exhibit_block_attachments (id, block_id, item_id, file_id, caption, "order") VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(id, f.blockId, f.itemId, f.fileId, f.caption, f.order)
  return Number(res.lastInsertRowid)
}

/** Removes a page's blocks and their attachments (before writing them again). */
export function deletePageBlocks(db: Db, pageId: number): void {
  db.$client.prepare('DELETE FROM exhibit_page_blocks WHERE page_id = ?').run(pageId)
}
