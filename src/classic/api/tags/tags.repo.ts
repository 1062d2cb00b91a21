import { ciSortKey } from '../../db/mysql-collation.js'
import type { Db } from '../../db/client.js'
import { statement } from '../../statements.js'
import type { RecordType } from '../element-texts/element-texts.repo.js'
import { nowStored } from '../../shared.js'

export interface TagRef {
  id: number
  name: string
}

/** Tags of many records (one query), each list ordered by name as Omeka serves them. */
export function loadTags(db: Db, recordType: RecordType, ids: readonly number[]): Map<number, TagRef[]> {
  const out = new Map<number, TagRef[]>()
  if (ids.length === 0) return out
  const rows = statement<{ recordId: number; id: number; name: string }>(
    db,
    `SELECT rt.record_id AS recordId, t.id, t.name FROM records_tags rt JOIN tags t ON t.id = rt.tag_id
       WHERE rt.record_type = ? AND rt.record_id IN (SELECT value FROM json_each(?)) ORDER BY t.name COLLATE NOCASE, t.id`,
  ).all(recordType, JSON.stringify(ids))
  for (const r of rows) {
    const list = out.get(r.recordId) ?? []
    list.push({ id: r.id, name: r.name })
    out.set(r.recordId, list)
  }
  return out
}

/**
 * Sets a record's tags to exactly these names (creating missing tags); Omeka's PUT replaces the set. Names
 * match existing tags as MySQL's utf8mb4_unicode_ci compares them (`UNICODE` is the tag `unicode`).
 */
export function replaceTags(db: Db, recordType: RecordType, recordId: number, names: readonly string[]): void {
  const wanted = [
    ...new Map(
      names
        .map((n) => n.trim())
        .filter((n) => n !== '')
        .map((n) => [ciSortKey(n), n]),
    ).values(),
  ]
  const findTag = statement(db, 'SELECT id FROM tags WHERE omeka_fold(name) = omeka_fold(?) ORDER BY id LIMIT 1')
  const createTag = statement(db, 'INSERT INTO tags (name) VALUES (?)')
  const tagIds = wanted.map((name) => {
    const found = findTag.get(name) as { id: number } | undefined
    return found ? found.id : Number(createTag.run(name).lastInsertRowid)
  })
  const current = statement<{ id: number }>(
    db,
    'SELECT tag_id AS id FROM records_tags WHERE record_type = ? AND record_id = ?',
  ).all(recordType, recordId)
  const keep = new Set(tagIds)
  const del = statement(db, 'DELETE FROM records_tags WHERE record_type = ? AND record_id = ? AND tag_id = ?')
  for (const { id } of current) if (!keep.has(id)) del.run(recordType, recordId, id)
  const add = statement(
    db,
    'INSERT OR IGNORE INTO records_tags (record_id, record_type, tag_id, time) VALUES (?, ?, ?, ?)',
  )
  const now = nowStored()
  for (const id of tagIds) add.run(recordId, recordType, id, now)
}

/** Removes every tagging of a record (the tags themselves stay, as in Omeka). */
export function deleteTaggings(db: Db, recordType: RecordType, recordId: number): void {
  statement(db, 'DELETE FROM records_tags WHERE record_type = ? AND record_id = ?').run(recordType, recordId)
}

export function findTag(db: Db, id: number): TagRef | undefined {
  return statement<TagRef>(db, 'SELECT id, name FROM tags WHERE id = ?').get(id)
}

/** Tags attached to at least one record, as Omeka's tags browse lists them. */
export function searchTags(
  db: Db,
  order: string,
  page: number,
  perPage: number,
  bugCompat = false,
): { rows: TagRef[]; total: number } {
  const where = 'WHERE EXISTS (SELECT 1 FROM records_tags rt WHERE rt.tag_id = tags.id)'
  // Omeka's total counts every tag, orphans too (bug-compatible mode only: the pages would not add up).
  const total = db.$client
    .prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM tags ${bugCompat ? '' : where}`)
    .get()!.n
  const rows = db.$client
    .prepare<unknown[], TagRef>(`SELECT id, name FROM tags ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(perPage, (page - 1) * perPage)
  return { rows, total }
}

export function deleteTag(db: Db, id: number): void {
  statement(db, 'DELETE FROM records_tags WHERE tag_id = ?').run(id)
  statement(db, 'DELETE FROM tags WHERE id = ?').run(id)
}
