import type { Context } from 'hono'
import type { PhpArray } from '../core/http/php-query.js'
import { scalarParam } from '../core/http/php-query.js'
import { ApiError } from '../core/http/errors.js'
import { answerResponse, type CachedAnswer } from '../core/http/response-cache.js'
import { jsonEncode } from './http/s-json.js'

export const VERSION = '4.2.0'

/** An answer as respond makes it; the response cache keeps it without reading the Response back. */
export type Answer = CachedAnswer

declare module 'hono' {
  interface ContextVariableMap {
    toAnswer: Answer
  }
}

/**
 * An ApiJsonModel response: `application/ld+json`, `Omeka-S-Version`, `pretty_print` (any value) and
 * JSONP `callback` (applied after pretty printing; the content type does not change).
 */
export function respond(
  query: PhpArray,
  payload: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  const answer = toAnswer(query, payload, status, headers)
  return new Response(answer.body, { status, headers: answer.headers })
}

/** respond for a read: its answer is also left on the context, for the response cache to keep. */
export function readResponse(
  c: Context,
  query: PhpArray,
  payload: unknown,
  headers: Record<string, string> = {},
): Response {
  const answer = toAnswer(query, payload, 200, headers)
  c.set('toAnswer', answer)
  return answerResponse(answer)
}

function toAnswer(query: PhpArray, payload: unknown, status: number, headers: Record<string, string>): Answer {
  const body = jsonEncode(payload, query.has('pretty_print'))
  const callback = scalarParam(query, 'callback')
  return {
    status,
    headers: { ...headers, 'Omeka-S-Version': VERSION, 'Content-Type': 'application/ld+json' },
    body: callback !== undefined ? `${callback}(${body});` : body,
  }
}

/** The one error renderer: ValidationException → `{"errors": {field: [...]}}`, others → `{"errors": {"error": msg}}`. */
export function errorResponse(query: PhpArray, err: ApiError): Response {
  return respond(query, { errors: err.errors ?? { error: err.message } }, err.status)
}

/** A 422 with Omeka S's error store. */
export function validationError(errors: Record<string, unknown>): never {
  throw new ApiError(422, 'Validation failed.', errors)
}

/** Omeka S's 404 for a record: `Omeka\Entity\Item entity with criteria {"id":"99"} not found`. */
export function entityNotFound(entity: string, id: string | number): never {
  throw new ApiError(404, `Omeka\\Entity\\${entity} entity with criteria ${JSON.stringify({ id })} not found`)
}

/** Thrown to answer Omeka's HTML error page (the 500 a PHP error ends in): `--bug-compat` only. */
export class OmekaErrorPage extends Error {
  constructor() {
    super('Omeka S encountered an error')
  }
}

/** Ends the request with Omeka's 500 HTML error page (what has been written stays written). */
export function phpErrorPage(): never {
  throw new OmekaErrorPage()
}

/** 500 BadRequest/OperationNotImplemented messages. */
export function serverError(message: string): never {
  throw new ApiError(500, message)
}

/** An HTML answer from outside the API layer (405s, 404 pages): compared by status only. */
export function htmlResponse(status: number, body = ''): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=UTF-8' } })
}
