import type { PhpArray } from '../http/php-query.js'
import { scalarParam } from '../http/php-query.js'
import { ApiError } from '../http/errors.js'
import { sJsonEncode } from './http/s-json.js'

export const S_VERSION = '4.2.0'

/**
 * An ApiJsonModel response: `application/ld+json`, `Omeka-S-Version`, `pretty_print` (any value) and
 * JSONP `callback` (applied after pretty printing; the content type does not change).
 */
export function sResponse(query: PhpArray, payload: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const body = sJsonEncode(payload, query.has('pretty_print'))
  const callback = scalarParam(query, 'callback')
  return new Response(callback !== undefined ? `${callback}(${body});` : body, {
    status,
    headers: { ...headers, 'Omeka-S-Version': S_VERSION, 'Content-Type': 'application/ld+json' },
  })
}

/** The one error renderer: ValidationException → `{"errors": {field: [...]}}`, others → `{"errors": {"error": msg}}`. */
export function sErrorResponse(query: PhpArray, err: ApiError): Response {
  return sResponse(query, { errors: err.errors ?? { error: err.message } }, err.status)
}

/** A 422 with Omeka S's error store. */
export function validationError(errors: Record<string, unknown>): never {
  throw new ApiError(422, 'Validation failed.', errors)
}

/** Omeka S's 404 for a record: `Omeka\Entity\Item entity with criteria {"id":"99"} not found`. */
export function entityNotFound(entity: string, id: string): never {
  throw new ApiError(404, `Omeka\\Entity\\${entity} entity with criteria ${JSON.stringify({ id })} not found`)
}

/** 500 BadRequest/OperationNotImplemented messages. */
export function serverError(message: string): never {
  throw new ApiError(500, message)
}

/** An HTML answer from outside the API layer (405s, 404 pages): compared by status only. */
export function htmlResponse(status: number, body = ''): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=UTF-8' } })
}
