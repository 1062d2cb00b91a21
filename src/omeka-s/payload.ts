import type { Context } from 'hono'
import { ApiError } from '../core/http/errors.js'
import { checkJsonTexts, jsonDepth, LIMITS } from '../core/http/limits.js'
import { readMultipart } from '../core/http/multipart.js'

/** PHP's json_last_error_msg() for the errors a client can cause; a text over LIMITS.textBytes is refused. */
function decodeJson(text: string): unknown {
  if (jsonDepth(text) > LIMITS.jsonDepth) throw new ApiError(400, 'JSON: Maximum stack depth exceeded')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new ApiError(400, 'JSON: Syntax error')
  }
  checkJsonTexts(text, value)
  return value
}

function asPayload(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object') throw new ApiError(400, 'JSON: Content must be an object or array.')
  return Array.isArray(value)
    ? Object.fromEntries(value.map((v, i) => [String(i), v]))
    : (value as Record<string, unknown>)
}

/**
 * ApiController::processPostData: `application/json` (parameters allowed) is decoded; `multipart/form-data`
 * takes the JSON in the `data` field and the files by field name; anything else is a 415.
 */
export async function readPayload(c: Context): Promise<{ body: Record<string, unknown>; files: Map<string, File> }> {
  const header = c.req.header('content-type') ?? ''
  const type = header.split(';')[0]!.trim().toLowerCase()
  const files = new Map<string, File>()
  if (type === 'multipart/form-data') {
    const form = await readMultipart(c)
    let body: Record<string, unknown> = {}
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') {
        if (name === 'data') body = asPayload(decodeJson(value))
      } else files.set(name, value)
    }
    return { body, files }
  }
  if (type !== 'application/json')
    throw new ApiError(415, `Invalid Content-Type header. Expecting "application/json", got "${type || 'none'}".`)
  return { body: asPayload(decodeJson(await c.req.text())), files }
}
