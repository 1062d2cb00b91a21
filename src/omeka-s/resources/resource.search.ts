import type { PhpArray, PhpParam } from '../../http/php-query.js'
import { scalarParam } from '../../http/php-query.js'
import { viewsAll, type SUser } from '../acl.js'
import type { Catalog } from './catalog.js'
import { visibleSql } from './resource.data.js'
import { propertyClause } from './property-search.js'

/** A WHERE clause under construction; values always go through placeholders. */
export class SWhere {
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
  with(name: string, sql: string, args: readonly unknown[]): this {
    this.ctes.push(`${name} AS MATERIALIZED (${sql})`)
    this.cteArgs.push(...args)
    return this
  }
  /** The `WITH` clause to put before the SELECT (its values come before every other one). */
  get prefix(): string {
    return this.ctes.length ? `WITH ${this.ctes.join(', ')} ` : ''
  }
}

const isNumeric = (v: string) => /^\s*[+-]?\d+(\.\d+)?\s*$/.test(v)
/** A scalar or array parameter as a list of non-empty strings (Omeka's id lists). */
export function listParam(v: PhpParam | undefined): string[] {
  if (v === undefined) return []
  const list = typeof v === 'string' ? (v.includes(',') ? v.split(',') : [v]) : [...v.values()].filter((x): x is string => typeof x === 'string')
  return list.map((s) => s.trim()).filter((s) => s !== '')
}
const ints = (v: PhpParam | undefined) => listParam(v).filter(isNumeric).map((s) => parseInt(s, 10))
const inList = (col: string, ids: number[]) => (ids.length ? `${col} IN (${ids.map(() => '?').join(', ')})` : '0')
/** PHP's is_numeric-or-bool flag params: "1"/"0" count, "true" does not. */
const flag = (q: PhpArray, name: string): boolean | undefined => {
  const v = scalarParam(q, name)
  return v !== undefined && isNumeric(v) ? Number(v) !== 0 : undefined
}

const DATE_FORMATS = [/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-]\d{4})$/, /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/, /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/, /^(\d{4})-(\d{2})-(\d{2})T(\d{2})$/, /^(\d{4})-(\d{2})-(\d{2})$/, /^(\d{4})-(\d{2})$/, /^(\d{4})$/]

/** created_before & co: the formats Omeka tries, in order; null when none parses (no results). */
export function parseQueryDate(text: string): string | null {
  for (const re of DATE_FORMATS) {
    const m = re.exec(text)
    if (!m) continue
    const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', off] = m
    let t = Date.UTC(+y!, +mo - 1, +d, +h, +mi, +s)
    if (off) t -= (off[0] === '-' ? -1 : 1) * (parseInt(off.slice(1, 3), 10) * 60 + parseInt(off.slice(3), 10)) * 60000
    return new Date(t).toISOString().replace(/\.\d{3}Z$/, '+00:00')
  }
  return null
}

/** The criteria every resource adapter accepts (AbstractResourceEntityAdapter::buildQuery). */
export function resourceWhere(q: PhpArray, user: SUser | null, catalog: Catalog): SWhere {
  const w = new SWhere()
  const vis = visibleSql(user)
  w.add(vis.sql, ...vis.args)
  if (q.has('id')) w.add(inList('r.id', ints(q.get('id'))), ...ints(q.get('id')))
  const owner = scalarParam(q, 'owner_id')
  if (owner !== undefined && isNumeric(owner)) w.add('r.owner_id = ?', parseInt(owner, 10))
  // isset() in Omeka: an empty label is still compared (and no class or template has one).
  const classLabel = scalarParam(q, 'resource_class_label')
  if (classLabel !== undefined) w.add('r.resource_class_id IN (SELECT id FROM resource_class WHERE label = ?)', classLabel)
  if (q.has('resource_class_id')) w.add(inList('r.resource_class_id', ints(q.get('resource_class_id'))), ...ints(q.get('resource_class_id')))
  const templateLabel = scalarParam(q, 'resource_template_label')
  if (templateLabel !== undefined) w.add('r.resource_template_id IN (SELECT id FROM resource_template WHERE label = ?)', templateLabel)
  if (q.has('resource_template_id')) w.add(inList('r.resource_template_id', ints(q.get('resource_template_id'))), ...ints(q.get('resource_template_id')))
  const pub = flag(q, 'is_public')
  if (pub !== undefined) w.add('r.is_public = ?', pub ? 1 : 0)
  for (const [name, col, op] of [['created_before', 'created', '<'], ['created_after', 'created', '>'], ['modified_before', 'modified', '<'], ['modified_after', 'modified', '>']] as const) {
    const v = scalarParam(q, name)
    if (v === undefined) continue
    // An empty value is set too: no format parses it, so `< NULL`, no results.
    const d = parseQueryDate(v.trim())
    if (d === null) w.add('0')
    else w.add(`r.${col} ${op} ?`, d)
  }
  const search = scalarParam(q, 'search')
  const rows: PhpArray = new Map(q.get('property') instanceof Map ? (q.get('property') as PhpArray) : [])
  if (search) rows.set('__search', new Map([['joiner', 'and'], ['property', ''], ['type', 'in'], ['text', search]]))
  const clause = propertyClause(rows, user, catalog)
  if (clause) w.add(clause.sql, ...clause.args)
  const fulltext = scalarParam(q, 'fulltext_search')
  if (fulltext) {
    // `ft` is also the relevance the default sort reads (resourceOrder).
    const ft = fulltextSql(fulltext, user)
    w.with('ft', ft.sql, ft.args).add('r.id IN (SELECT rid FROM ft)')
  }
  return w
}

/** Occurrences of the bound word in lower(x) (SQLite's lower, as before: ASCII case only). */
const occurrences = (x: string) => `((length(lower(COALESCE(${x}, ''))) - length(replace(lower(COALESCE(${x}, '')), ?, ''))) / length(?))`

/**
 * Stand-in for MySQL's MATCH … AGAINST in natural-language mode over title and visible value text: per
 * resource, how many times the words occur (case-insensitive) in its title and in each visible value's
 * text, URI and linked title. Rows to count are found through the trigram indexes (value_fts,
 * resource_title_fts: any row holding a word as a substring), so nothing is scanned. A subquery of
 * (rid, score) rows with score > 0, used as the filter and the relevance.
 */
export function fulltextSql(text: string, user: SUser | null): { sql: string; args: unknown[] } {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter((w) => w.length >= 3)
  if (words.length === 0) return { sql: 'SELECT NULL AS rid, 0 AS score WHERE 0', args: [] }
  const match = words.map((w) => `"${w}"`).join(' OR ')
  const own = viewsAll(user) ? '' : user ? ' AND (v.is_public = 1 OR vo.owner_id = ?)' : ' AND v.is_public = 1'
  const titleScore = words.map(() => occurrences('r.title')).join(' + ')
  const valueScore = words.map(() => `${occurrences('v.value')} + ${occurrences('v.uri')} + ${occurrences('t.title')}`).join(' + ')
  const titled = 'SELECT rowid FROM resource_title_fts WHERE resource_title_fts MATCH ?'
  const sql = `SELECT rid, SUM(score) AS score FROM (
    SELECT r.id AS rid, ${titleScore} AS score FROM resource r WHERE r.id IN (${titled})
    UNION ALL
    SELECT v.resource_id, ${valueScore} FROM value v${own.includes('vo.') ? ' JOIN resource vo ON vo.id = v.resource_id' : ''} LEFT JOIN resource t ON t.id = v.value_resource_id
    WHERE (v.id IN (SELECT rowid FROM value_fts WHERE value_fts MATCH ?) OR v.value_resource_id IN (${titled}))${own}
  ) GROUP BY rid HAVING SUM(score) > 0`
  const times = (n: number) => words.flatMap((w) => Array<string>(n).fill(w))
  const args: unknown[] = [...times(2), match, ...times(6), match, match, ...(own.includes('?') ? [user!.id] : [])]
  return { sql, args }
}
