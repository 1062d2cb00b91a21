import { ApiError } from './errors.js'
import { httpBuildQuery, type PhpArray, type PhpParam } from './php-query.js'

/** Pages beyond this read nothing anyway; capping keeps SQL offsets and Link numbers exact integers. */
export const MAX_PAGE = 2 ** 31 - 1

export interface PageRequest {
  page: number
  perPage: number
}

/**
 * Omeka's paging: `per_page` counts only when 0 < per_page < api_per_page, otherwise the setting
 * applies; `page` below 1 reads page 1 (SQL clamps) but links are computed from the raw number.
 */
export function pageRequest(
  query: PhpArray,
  maxPerPage: number,
  bugCompat = false,
): PageRequest & { rawPage: number; phpTypeError?: true } {
  const rawPerPage = query.get('per_page')
  const n = typeof rawPerPage === 'string' && /^\s*-?\d+/.test(rawPerPage) ? parseInt(rawPerPage, 10) : 0
  const perPage = n > 0 && n < maxPerPage ? n : maxPerPage
  const page = query.get('page')
  // Bug-compatible: a non-numeric page (empty included) is read as 1 for the query, then Omeka's Link
  // header code dies on it (PHP 8 TypeError): the caller answers an empty 500 once the records are read.
  if (bugCompat && page !== undefined && !(typeof page === 'string' && /^\s*[+-]?\d/.test(page)))
    return { page: 1, perPage, rawPage: 1, phpTypeError: true }
  const rawPage = rawPageNumber(page)
  return { page: Math.max(1, rawPage), perPage, rawPage }
}

/**
 * `page` as PHP's arithmetic reads it: a leading integer ("2", " 3", "4abc"), 1 when absent or empty.
 * Omeka dies with an empty 500 on anything else (a TypeError); we answer a clean 400 instead.
 */
function rawPageNumber(v: PhpParam | undefined): number {
  if (v === undefined || v === '') return 1
  const m = typeof v === 'string' ? /^\s*([+-]?\d+)/.exec(v) : null
  if (!m) throw new ApiError(400, 'Invalid GET request parameter: "page"')
  const n = Number(m[1])
  return Math.min(MAX_PAGE, Math.max(-MAX_PAGE, n))
}

/**
 * The `Link` header of an index response, byte for byte as Omeka's ApiController::_setLinkHeader
 * builds it: the request's query minus `key`, page/per_page overwritten in place or appended.
 */
export function linkHeader(
  resourceUrl: string,
  query: PhpArray,
  rawPage: number,
  perPage: number,
  total: number,
): string {
  const last = Math.ceil(total / perPage)
  const link = (page: number) => {
    const q: PhpArray = new Map(query)
    q.delete('key')
    q.set('page', String(page))
    q.set('per_page', String(perPage))
    return `<${resourceUrl}?${httpBuildQuery(q)}>`
  }
  const parts = [`${link(1)}; rel="first"`, `${link(last)}; rel="last"`]
  if (rawPage > 1) parts.push(`${link(rawPage - 1)}; rel="prev"`)
  if (rawPage < last) parts.push(`${link(rawPage + 1)}; rel="next"`)
  return parts.join(', ')
}
