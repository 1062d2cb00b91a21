import type { Db } from './db/client.js'

/**
 * Omeka_Db_Table::getSelectForFindBy: once a sort applies, `<table>.id <dir>` follows it (unless the sort is
 * the id itself), so ties come out in id order of the same direction.
 */
export function withIdTies(key: string, idColumn: string, dir: 'ASC' | 'DESC'): string {
  return key === idColumn ? `${idColumn} ${dir}` : `${key} ${dir}, ${idColumn} ${dir}`
}

/** A column as ORDER BY compares it: text columns under MySQL's utf8mb4_unicode_ci order. */
export function collated(column: string, text: boolean): string {
  return text ? `omeka_fold(${column})` : column
}

/** The column named by `sort_field` when it is one of the table's columns (a whitelist, never SQL). */
export function sortableColumn<T extends string>(field: string, columns: readonly T[]): T | undefined {
  return columns.find((c) => c === field)
}

/**
 * Omeka's "Element Set,Element" sorting (Table_Item::applySorting): records without a value sort
 * last ascending and first descending; values compare without case or accents, like MySQL's collation.
 */
export function elementSortKey(
  db: Db,
  field: string,
  recordType: 'Item' | 'Collection',
  idColumn: string,
): ((dir: 'ASC' | 'DESC') => string) | undefined {
  const parts = field.split(',')
  if (parts.length !== 2) return undefined
  const row = db.$client
    .prepare<unknown[], { id: number }>(
      'SELECT e.id FROM elements e JOIN element_sets es ON es.id = e.element_set_id WHERE es.name = ? AND e.name = ?',
    )
    .get(parts[0]!.trim(), parts[1]!.trim())
  if (!row) return undefined
  const text = `(SELECT et.text FROM element_texts et WHERE et.record_type = '${recordType}' AND et.record_id = ${idColumn} AND et.element_id = ${row.id} ORDER BY et.id LIMIT 1)`
  return (dir) => `(${text} IS NULL) ${dir}, omeka_fold(${text}) ${dir}, ${idColumn} ${dir}`
}
