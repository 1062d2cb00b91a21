import { classicResponse } from '../core/http/respond.js'
import { linkHeader, pageRequest, type PageRequest } from '../core/http/pagination.js'
import type { ClassicRequest } from './context.js'
import { ApiError } from '../core/http/errors.js'

/** Page and per_page in force for an index request. */
export function pageOf(req: ClassicRequest): PageRequest & { rawPage: number; phpTypeError?: true } {
  return pageRequest(req.query, req.settings.api_per_page, bugCompat(req))
}

/** An index response: the array, `Omeka-Total-Results` and Omeka's `Link` header. */
export function indexResponse(
  req: ClassicRequest,
  resource: string,
  payload: unknown[],
  total: number,
  page: PageRequest & { rawPage: number; phpTypeError?: true },
): Response {
  if (page.phpTypeError) throw new ApiError(500, '', undefined, true)
  return classicResponse(req.c, req.query, payload, 200, {
    'Omeka-Total-Results': String(total),
    Link: linkHeader(req.urls.api(resource), req.query, page.rawPage, page.perPage, total),
  })
}

/** A single record (GET 200, PUT 200). */
export function recordResponse(req: ClassicRequest, payload: unknown): Response {
  return classicResponse(req.c, req.query, payload)
}

/** POST's 201 with the new record's Location. */
export function createdResponse(req: ClassicRequest, resource: string, id: number, payload: unknown): Response {
  return classicResponse(req.c, req.query, payload, 201, { Location: req.urls.api(resource, id) })
}

/** DELETE's 204: no body, and no Content-Type at all. */
export function deletedResponse(): Response {
  return new Response(null, { status: 204 })
}

/** Whether the caller may see non-public items and collections. */
/** Whether bug-compatible mode is on: reproduce real Omeka's deliberate-difference bugs (docs/compatibility.md). */
export function bugCompat(req: ClassicRequest): boolean {
  return req.deps.config.bugCompat === true
}

export function seesPrivate(req: ClassicRequest): boolean {
  return req.user !== null
}

/** The JSON object body of a write; checked after the record and permission checks, as Omeka does. */
export function jsonBody(req: ClassicRequest): Record<string, unknown> {
  if (!req.body) throw new ApiError(400, 'Invalid request. Request body must be a JSON object.')
  return req.body
}
