import { httpBuildQuery, scalarParam, type PhpArray } from '../core/http/php-query.js'

export interface Page {
  /** Rows to return (null: every row, when `page` is not numeric). */
  limit: number | null
  offset: number
  /** Page and page size the Link header is computed from. */
  page: number
  linkPerPage: number
}

const isNumeric = (v: string | undefined): v is string =>
  v !== undefined && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)
const MAX_INT = Number.MAX_SAFE_INTEGER
// PHP's (int) cast; digits past the integer range saturate (a safe integer, so LIMIT/OFFSET stay integers).
const phpInt = (v: string | undefined) =>
  v === undefined ? 0 : Math.max(-MAX_INT, Math.min(MAX_INT, parseInt(v, 10) || 0))

/**
 * SetBrowseDefaults('id', 'asc'): appends `sort_by_default`/`sort_order_default` (only when no sort was
 * given), `sort_by`, `sort_order` and `page` when absent; a page below 1 is rewritten to 1 in place.
 */
export function browseDefaults(query: PhpArray): PhpArray {
  const q: PhpArray = new Map(query)
  // sort_by_default marks a missing sort_by; sort_order_default only when neither was given.
  if (!q.has('sort_by')) q.set('sort_by_default', '')
  if (!q.has('sort_by') && !q.has('sort_order')) q.set('sort_order_default', '')
  if (!q.has('sort_by')) q.set('sort_by', 'id')
  if (!q.has('sort_order')) q.set('sort_order', 'asc')
  if (!q.has('page')) q.set('page', '1')
  const page = scalarParam(q, 'page')
  if (isNumeric(page) && phpInt(page) < 1) q.set('page', '1')
  return q
}

/** Paging as Omeka S's adapters and Paginator do it (per_page default = the pagination_per_page setting). */
export function pageOf(query: PhpArray, defaultPerPage: number): Page {
  const rawPer = scalarParam(query, 'per_page')
  const linkPerPage = rawPer === undefined ? defaultPerPage : Math.max(1, phpInt(rawPer))
  const perPage = isNumeric(rawPer) ? Math.max(1, phpInt(rawPer)) : defaultPerPage
  const rawPage = scalarParam(query, 'page')
  const page = Math.max(1, phpInt(rawPage))
  // limitQuery: without a numeric page, `limit` and `offset` apply (SQLite's LIMIT -1 is no limit).
  if (!isNumeric(rawPage)) {
    const limit = scalarParam(query, 'limit')
    const offset = scalarParam(query, 'offset')
    const rows = isNumeric(limit) ? Math.max(0, phpInt(limit)) : null
    const skip = isNumeric(offset) ? Math.max(0, phpInt(offset)) : 0
    return { limit: rows ?? (skip > 0 ? -1 : null), offset: skip, page: 1, linkPerPage }
  }
  return { limit: perPage, offset: Math.min(MAX_INT, perPage * (page - 1)), page, linkPerPage }
}

// laminas-uri: `+` from http_build_query becomes `%20`, and the characters a query may hold as is
// (`:` `/` `@` `?` and the sub-delimiters other than `&` `=` `+`) are not percent-encoded.
const linkQuery = (q: PhpArray) =>
  httpBuildQuery(q)
    .replace(/\+/g, '%20')
    .replace(/%(3A|2F|40|3F|21|24|27|28|29|2A|2C|3B)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

/** The `Link` header: first, prev, next, last (the latter three only when they exist). */
export function linkHeader(url: string, query: PhpArray, page: Page, total: number | undefined): string {
  const link = (n: number, rel: string) => {
    const q: PhpArray = new Map(query)
    q.set('page', String(n))
    // laminas-uri setQuery() turns http_build_query's `+` into `%20`.
    return `<${url}?${linkQuery(q)}>; rel="${rel}"`
  }
  const parts = [link(1, 'first')]
  const pageCount = total === undefined ? 0 : Math.ceil(total / page.linkPerPage)
  if (page.page > 1) parts.push(link(page.page - 1, 'prev'))
  if (page.page + 1 <= pageCount) parts.push(link(page.page + 1, 'next'))
  if (pageCount >= 1) parts.push(link(pageCount, 'last'))
  return parts.join(', ')
}
