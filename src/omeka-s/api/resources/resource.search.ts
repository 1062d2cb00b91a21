import type { PhpArray, PhpParam } from '../../../core/http/php-query.js'
import { scalarParam } from '../../../core/http/php-query.js'
import type { User } from '../../acl.js'
import type { Catalog } from './catalog.js'
import { visibleSql } from './resource.data.js'
import { propertyClause } from './property-search.js'
import type { Db } from '../../db/client.js'
import { fulltextScoresJson } from './fulltext.js'
import type { SearchKind } from './resource.data.js'

/** A WHERE clause under construction; values always go through placeholders. */
export class Where {
  readonly parts: string[] = []
  readonly args: unknown[] = []
  add(sql: string, ...args: unknown[]): this {
    this.parts.push(sql)
    this.args.push(...args)
    return this
  }
  get sql(): string {
    return this.parts.length ? this.parts.join(' AND ') : '1'
  }
  /** Named subqueries computed once per statement (`WITH … AS MATERIALIZED`), with their own values. */
  readonly ctes: string[] = []
  readonly cteArgs: unknown[] = []
  /** What the subqueries' values are made from (memo keys use it instead of long values). */
  readonly cteKeys: string[] = []
  with(name: string, sql: string, args: readonly unknown[], key = JSON.stringify(args)): this {
    this.ctes.push(`${name} AS MATERIALIZED (${sql})`)
    this.cteArgs.push(...args)
    this.cteKeys.push(key)
    return this
  }
  /** A key for memos of this filter's results: its SQL, and what its values are made from. */
  memoKey(sql: string, more: readonly unknown[] = []): string {
    return `${sql}\n${JSON.stringify(this.cteKeys)}\n${JSON.stringify([...this.args, ...more])}`
  }
  /** The `WITH` clause to put before the SELECT (its values come before every other one). */
  get prefix(): string {
    return this.ctes.length ? `WITH ${this.ctes.join(', ')} ` : ''
  }
}

// PHP's is_numeric (leading whitespace, a trailing one since PHP 8, decimals and exponents).
const isNumeric = (v: string) => /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)
/** The numeric members of a scalar-or-array parameter (`array_filter($ids, 'is_numeric')`), as MySQL casts them. */
export const numericIds = (v: PhpParam | undefined): number[] => {
  if (v === undefined) return []
  const list = typeof v === 'string' ? [v] : [...v.values()].filter((x): x is string => typeof x === 'string')
  return list.filter(isNumeric).map((s) => Number(s.trim()))
}
const inList = (col: string, ids: number[]) => (ids.length ? `${col} IN (${ids.map(() => '?').join(', ')})` : '0')
/** PHP's is_numeric-or-bool flag params: "1"/"0" count, "true" does not. */
const flag = (q: PhpArray, name: string): boolean | undefined => {
  const v = scalarParam(q, name)
  return v !== undefined && isNumeric(v) ? Number(v) !== 0 : undefined
}

/**
 * AbstractEntityAdapter::buildBaseQuery's `id`: a list, or a string split on commas; null and empty
 * members dropped, nothing left means no filter. MySQL compares the strings as numbers (`abc` is 0).
 */
export function idCriterion(v: PhpParam | undefined): number[] | null {
  if (v === undefined) return null
  const list = typeof v === 'string' ? v.split(',') : [...v.values()].filter((x): x is string => typeof x === 'string')
  const ids = list.filter((s) => s !== '')
  if (ids.length === 0) return null
  return ids.map((s) => {
    const m = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(s)
    return m ? Number(m[0]) : 0
  })
}

// DateTime::createFromFormat with the formats Omeka tries in order: DATE_ATOM (`Y-m-d\TH:i:sP`), then
// `!Y-m-d\TH:i:s`, `!Y-m-d\TH:i`, `!Y-m-d\TH`, `!Y-m-d`, `!Y-m`, `!Y`. `P` takes `Z`, `+01:00`, `+0100`…
const ZONE = '(?:[Zz]|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?)'
const DATE_FORMATS = [
  new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})T(\\d{1,2}):(\\d{2}):(\\d{2})${ZONE}$`),
  /^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):(\d{2}):(\d{2})$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):(\d{2})$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2})$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})-(\d{1,2})$/,
  /^(\d{4})$/,
]

/**
 * created_before & co: the first format that parses, as the bound MariaDB compares (null: none parses,
 * no results). Doctrine writes the DateTime with `Y-m-d H:i:s` in its own zone, so an offset does not
 * move the bound (`08:35:00+0100` compares as 08:35:00); out-of-range parts roll over as PHP's do.
 */
export function parseQueryDate(text: string): string | null {
  for (const re of DATE_FORMATS) {
    const m = re.exec(text)
    if (!m) continue
    const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00'] = m
    const t = new Date(0)
    t.setUTCFullYear(+y!, +mo - 1, +d)
    t.setUTCHours(+h, +mi, +s, 0)
    return t.toISOString().replace(/\.\d{3}Z$/, '+00:00')
  }
  return null
}

/** The criteria every resource adapter accepts (AbstractEntityAdapter::buildBaseQuery, AbstractResourceEntityAdapter::buildQuery). */
export function resourceWhere(q: PhpArray, user: User | null, catalog: Catalog, db: Db, kind: SearchKind): Where {
  const w = new Where()
  const vis = visibleSql(user)
  w.add(vis.sql, ...vis.args)
  const ids = idCriterion(q.get('id'))
  if (ids) w.add(inList('r.id', ids), ...ids)
  const owner = scalarParam(q, 'owner_id')
  if (owner !== undefined && isNumeric(owner)) w.add('r.owner_id = ?', Number(owner))
  // isset() in Omeka: an empty label is still compared (and no class or template has one); the
  // comparison is MariaDB's (case, accents and trailing spaces do not count).
  const classLabel = scalarParam(q, 'resource_class_label')
  if (classLabel !== undefined)
    w.add('r.resource_class_id IN (SELECT id FROM resource_class WHERE s_collate(label) = s_collate(?))', classLabel)
  // Non-numeric members are dropped; an empty list (`resource_class_id=`) is no filter.
  const classes = numericIds(q.get('resource_class_id'))
  if (classes.length) w.add(inList('r.resource_class_id', classes), ...classes)
  const templateLabel = scalarParam(q, 'resource_template_label')
  if (templateLabel !== undefined)
    w.add(
      'r.resource_template_id IN (SELECT id FROM resource_template WHERE s_collate(label) = s_collate(?))',
      templateLabel,
    )
  const templates = numericIds(q.get('resource_template_id'))
  if (templates.length) w.add(inList('r.resource_template_id', templates), ...templates)
  const pub = flag(q, 'is_public')
  if (pub !== undefined) w.add('r.is_public = ?', pub ? 1 : 0)
  for (const [name, col, op] of [
    ['created_before', 'created', '<'],
    ['created_after', 'created', '>'],
    ['modified_before', 'modified', '<'],
    ['modified_after', 'modified', '>'],
  ] as const) {
    const v = scalarParam(q, name)
    if (v === undefined) continue
    // An empty value is set too: no format parses it, so `< NULL`, no results.
    const d = parseQueryDate(v)
    if (d === null) w.add('0')
    else w.add(`r.${col} ${op} ?`, d)
  }
  const search = scalarParam(q, 'search')
  const rows: PhpArray = new Map(q.get('property') instanceof Map ? (q.get('property') as PhpArray) : [])
  if (search)
    rows.set(
      '__search',
      new Map([
        ['joiner', 'and'],
        ['property', ''],
        ['type', 'in'],
        ['text', search],
      ]),
    )
  const clause = propertyClause(rows, user, catalog)
  if (clause) w.add(clause.sql, ...clause.args)
  const fulltext = scalarParam(q, 'fulltext_search')
  if (fulltext !== undefined && fulltext.replace(/^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g, '') !== '') {
    // The listener joins fulltext_search rows whose `resource` is the adapter's name: /api/resources
    // ("resources") has none. `ft` is also the relevance the default sort reads (resourceOrder).
    const scores = kind === 'resources' ? '{}' : fulltextScoresJson(db, fulltext)
    // The scores are a function of the words and the database state: memo keys take the words.
    const key = `fulltext ${kind === 'resources' ? '' : fulltext}`
    w.with('ft', 'SELECT CAST(key AS INTEGER) AS rid, value AS score FROM json_each(?)', [scores], key).add(
      'r.id IN (SELECT rid FROM ft)',
    )
  }
  return w
}
