import type { Context } from 'hono'
import { phpJsonEncode } from './php-json.js'
import { scalarParam, type PhpArray } from './php-query.js'
import { answerResponse, type CachedAnswer } from './response-cache.js'

/**
 * A successful Classic API response: PHP-encoded JSON, `pretty_print` when present (any value),
 * and JSONP `callback` wrapping as Omeka's JsonApi helper does it.
 */
export function classicResponse(
  c: Context,
  query: PhpArray,
  payload: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  const pretty = query.has('pretty_print')
  const callback = scalarParam(query, 'callback')
  const answer: ClassicAnswer =
    callback !== undefined
      ? {
          status,
          headers: { ...headers, 'Content-Type': 'application/javascript' },
          body: `${callback}(${phpJsonEncode({ headers: { status }, data: payload }, pretty)});`,
        }
      : { status, headers: { ...headers, 'Content-Type': 'application/json' }, body: phpJsonEncode(payload, pretty) }
  c.set('classicAnswer', answer)
  return answerResponse(answer)
}

/** An answer as classicResponse made it; the response cache keeps it without reading the Response back. */
export type ClassicAnswer = CachedAnswer

declare module 'hono' {
  interface ContextVariableMap {
    classicAnswer: ClassicAnswer
  }
}

/** A JSON body with Omeka's encoding, for error and control-plane responses. */
export function plainJson(payload: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(phpJsonEncode(payload), { status, headers: { ...headers, 'Content-Type': 'application/json' } })
}
