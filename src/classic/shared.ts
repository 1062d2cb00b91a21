import { ApiError } from '../core/http/errors.js'
import { scalarParam, type PhpArray, type PhpParam } from '../core/http/php-query.js'

/** 'YYYY-MM-DD HH:MM:SS' (stored, UTC) → PHP's date('c') in UTC. */
export function toIsoDate(stored: string): string {
  return `${stored.replace(' ', 'T')}+00:00`
}

/** Current time in the stored format. */
export function nowStored(): string {
  return new Date().toISOString().slice(0, 19).replace('T', ' ')
}

/** ISO 8601 (with offset) → stored format in UTC; null when unparseable. */
export function isoToStored(iso: string): string | null {
  const trimmed = iso.trim()
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return null
  // A bare date is midnight UTC (Omeka runs in UTC); JS would agree, but be explicit.
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed.replace(' ', 'T'))
  if (Number.isNaN(d.getTime())) return null
  return d.toISOString().slice(0, 19).replace('T', ' ')
}

/** A reference to another record: `{id, url, resource}` (with `name` where Omeka puts one). */
export function ref(id: number, url: string, resource: string, name?: string) {
  return name === undefined ? { id, url, resource } : { id, url, name, resource }
}

/** MySQL's cast of a PHP value into a TINYINT column: "yes" is 0, "1" is 1, true is 1. */
export function mysqlBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v
  if (typeof v === 'number') return v !== 0
  if (typeof v === 'string') {
    const n = parseFloat(v)
    return !Number.isNaN(n) && n !== 0
  }
  return false
}

/**
 * Omeka_Filter_Boolean for query filters: a strict in_array against 'true', 'On', 'on' and '1', so
 * `yes`, `TRUE`, `2` or ` 1` all read as false (not trimmed, not case-folded).
 */
export function queryBool(v: string): boolean {
  return ['true', 'On', 'on', '1'].includes(v)
}

/** A query filter value, skipping Omeka's "empty" values (missing, blank string). */
export function filterValue(query: PhpArray, name: string): PhpParam | undefined {
  const v = query.get(name)
  if (v === undefined) return undefined
  if (typeof v === 'string' && v.trim() === '') return undefined
  return v
}

export function filterString(query: PhpArray, name: string): string | undefined {
  const v = scalarParam(query, name)
  return v === undefined || v.trim() === '' ? undefined : v
}

/** Values of a scalar-or-array filter (`collection=1` or `collection[]=1&collection[]=2`). */
export function filterList(v: PhpParam): string[] {
  return typeof v === 'string' ? [v] : [...v.values()].filter((x): x is string => typeof x === 'string')
}

/** A reference's id from a write body (`{"collection": {"id": 2}}`); null for null/absent id. */
export function bodyRefId(v: unknown): number | null | undefined {
  if (v === undefined) return undefined
  if (v === null || typeof v !== 'object') return null
  const id = (v as Record<string, unknown>).id
  if (id === undefined || id === null || id === '') return null
  const n = Number(id)
  return Number.isFinite(n) ? Math.trunc(n) : -1
}

/** Raises Omeka's save error: 400 "Error when saving record." with the field errors. */
export function saveError(errors: Record<string, string>): never {
  throw new ApiError(400, 'Error when saving record.', errors)
}

/** The SQL ORDER BY direction for Omeka's sort_dir (Omeka_Db_Table::_getSortParams: trimmed `d`, else ascending). */
export function sortDirection(query: PhpArray): 'ASC' | 'DESC' {
  return scalarParam(query, 'sort_dir')?.trim() === 'd' ? 'DESC' : 'ASC'
}

/** Builder for WHERE clauses with bound parameters; column names only ever come from code. */
export class Where {
  readonly clauses: string[] = []
  readonly args: unknown[] = []
  add(clause: string, ...args: unknown[]): this {
    this.clauses.push(clause)
    this.args.push(...args)
    return this
  }
  sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : ''
  }
}

/**
 * Zend_Date's reading of an ISO 8601 `added_since`/`modified_since` (Omeka_Db_Table::filterBySince), as the
 * stored UTC 'YYYY-MM-DD HH:MM:SS'; null where Zend throws "unsupported ISO8601 format". Hand-written
 * because no date library reads as leniently: a leading date (`YYYY-MM-DD`, `YYYYMMDD`), then anywhere after
 * it a time (`hh:mm:ss`, `hhmmss`, `hh:mm`, `hhmm`), seconds' fractions dropped; the zone is a trailing `Z` or
 * the first `±hh[:]mm` in the string (its hours only), else the server's (UTC), so a `+` sent unencoded
 * (read as a space) leaves the time in UTC.
 */
export function zendIsoToStored(value: string): string | null {
  const date = /^(-?\d{4})-(\d{2})-(\d{2})/.exec(value) ?? /^(-?\d{4})(\d{2})(\d{2})/.exec(value)
  const rest = date ? value.slice(date[0].length) : value
  const time =
    /[T,\s]?(\d{2}):(\d{2}):(\d{2})/.exec(rest) ??
    /[T,\s]?(\d{2})(\d{2})(\d{2})/.exec(rest) ??
    /[T,\s]?(\d{2}):(\d{2})/.exec(rest) ??
    /[T,\s]?(\d{2})(\d{2})/.exec(rest)
  if (!date && !time) return null
  let offsetHours = 0
  if (!/\dZ$/.test(value)) {
    const zone = /([+-]\d{2}):?\d{2}/.exec(value)
    const h = zone ? Number(zone[1]) : 0
    if (h <= 14 && h >= -12) offsetHours = h
  }
  const [y, mo, d] = date ? [Number(date[1]), Number(date[2]), Number(date[3])] : [1970, 1, 1]
  const [hh, mm, ss] = time ? [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)] : [0, 0, 0]
  const ms = Date.UTC(y, mo - 1, d, hh - offsetHours, mm, ss)
  if (Number.isNaN(ms)) return null
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

/**
 * The WHERE clause of an `added_since`/`modified_since` filter. A value Zend cannot read makes Omeka answer
 * 500 "unsupported ISO8601 format (…)"; here the filter is ignored, unless bug-compatible mode is on.
 */
export function addSinceFilter(w: Where, column: string, value: string, bugCompat: boolean): void {
  const since = zendIsoToStored(value)
  if (since) w.add(`${column} > ?`, since)
  else if (bugCompat) throw new ApiError(500, `unsupported ISO8601 format (${value})`)
}
