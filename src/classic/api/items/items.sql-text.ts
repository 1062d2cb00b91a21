import { scalarParam, type PhpArray } from '../../../core/http/php-query.js'
import { ApiError } from '../../../core/http/errors.js'
import { filterList, filterValue, zendIsoToStored } from '../../shared.js'
import { mysqliQuote as q, unboundName } from '../../zend-statement.js'
import { advancedPredicate, phpEmpty, tagList } from './items.repo.js'

/**
 * The SQL Omeka 3.2.1 sends for an items browse (Table_Item::applySearchFilters, _simpleSearch, _advancedSearch
 * through Zend_Db_Select), written out as far as Zend's parameter parsing reads it: every quoted value in its
 * place, in the order Omeka adds them: the joins (the advanced rows' negated predicates sit in their LEFT JOIN's
 * condition), then the WHERE: permissions, the filters in the order of the query string, the simple search,
 * then the advanced rows' other predicates. Numbers Omeka writes unquoted or as digits only are left out: they
 * can neither break the stripping nor hold a colon.
 */
export function itemsSelectText(query: PhpArray, tagDelimiter: string): string {
  const joins: string[] = []
  const wheres: string[] = []
  for (const [name] of query) {
    const v = filterValue(query, name)
    if (v === undefined) continue
    switch (name) {
      case 'item_type':
        joins.push('INNER JOIN `omeka_item_types` AS `item_types` ON items.item_type_id = item_types.id')
        for (const t of filterList(v))
          wheres.push(/^\s*\d+\s*$/.test(t) ? `item_types.id = ${q(t)}` : `item_types.name = ${q(t)}`)
        break
      case 'tags':
        for (const tag of tagList(v, tagDelimiter))
          wheres.push(
            `items.id IN (SELECT \`records_tags\`.\`record_id\` AS \`items.id\` FROM \`omeka_records_tags\` AS \`records_tags\` INNER JOIN \`omeka_tags\` AS \`tags\` ON tags.id = records_tags.tag_id WHERE (tags.name = ${q(tag.trim())} AND records_tags.\`record_type\` = "Item"))`,
          )
        break
      case 'excludeTags': {
        const likes = tagList(v, tagDelimiter).map((tag) => `(tags.name LIKE ${q(tag)})`)
        wheres.push(
          `items.id NOT IN (SELECT \`items\`.\`id\` FROM \`omeka_items\` AS \`items\` INNER JOIN \`omeka_records_tags\` AS \`records_tags\` ON records_tags.record_id = items.id AND records_tags.record_type = "Item" INNER JOIN \`omeka_tags\` AS \`tags\` ON records_tags.tag_id = tags.id WHERE ${likes.join(' AND ')})`,
        )
        break
      }
      case 'added_since':
      case 'modified_since': {
        const since = typeof v === 'string' ? zendIsoToStored(v) : null
        if (since) wheres.push(`\`items\`.\`${name === 'added_since' ? 'added' : 'modified'}\` > ${q(since)}`)
        break
      }
    }
  }
  const search = query.get('search')
  if (typeof search === 'string' && !phpEmpty(search)) {
    joins.push(
      "LEFT JOIN `omeka_element_texts` AS `_simple_etx` ON _simple_etx.record_id = items.id AND _simple_etx.record_type = 'Item'",
      "LEFT JOIN `omeka_records_tags` AS `_simple_records_tags` ON _simple_records_tags.record_id = items.id AND _simple_records_tags.record_type = 'Item'",
      'LEFT JOIN `omeka_tags` AS `_simple_tags` ON _simple_tags.id = _simple_records_tags.tag_id',
    )
    const words = search.split(/\s+/)
    const names = words.length > 1 ? [...words, search] : words
    wheres.push(`_simple_etx.text LIKE ${q(`%${search}%`)} OR _simple_tags.name IN (${names.map(q).join(', ')})`)
  }
  const advanced = query.get('advanced')
  const parts: string[] = []
  if (advanced instanceof Map) {
    for (const row of advanced.values()) {
      if (!(row instanceof Map)) continue
      const elementId = scalarParam(row, 'element_id')
      const type = scalarParam(row, 'type')
      if (phpEmpty(elementId) || phpEmpty(type)) continue
      const pred = advancedPredicate(type!, scalarParam(row, 'terms'))
      if (pred === 'skip' || pred === 'invalid') continue
      const alias = `_advanced_${parts.length}`
      const op = /exactly/.test(type!) ? '=' : /match/.test(type!) ? 'REGEXP' : 'LIKE'
      const text = pred.arg === undefined ? 'IS NOT NULL' : `${op} ${q(pred.arg)}`
      const on = `${alias}.record_id = items.id AND ${alias}.record_type = 'Item' AND ${alias}.element_id = ${parseInt(elementId!, 10) || 0}`
      joins.push(
        `LEFT JOIN \`omeka_element_texts\` AS \`${alias}\` ON ${on}${pred.negate ? ` AND ${alias}.text ${text}` : ''}`,
      )
      parts.push(pred.negate ? `${alias}.text IS NULL` : `${alias}.text ${text}`)
    }
  }
  if (parts.length) wheres.push(parts.join(' AND '))
  const where = wheres.length ? ` WHERE (${wheres.join(') AND (')})` : ''
  return `SELECT \`items\`.* FROM \`omeka_items\` AS \`items\` ${joins.join(' ')}${where} GROUP BY \`items\`.\`id\``
}

/**
 * Bug-compatible: Zend_Db_Statement refuses the items select when a quoted value it cannot strip (one holding
 * `\`, `"`, a line break…) leaves a later value's `:53` (a date's minutes) looking like a named bind variable.
 */
export function checkItemsBindVariables(query: PhpArray, tagDelimiter: string): void {
  const name = unboundName(itemsSelectText(query, tagDelimiter))
  if (name !== undefined) throw new ApiError(500, `Invalid bind-variable name '${name}'`)
}
