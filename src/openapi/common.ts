import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi'
import * as z from 'zod'

/** A zod schema with a description (and an example) that the generator copies into the document. */
export function described<T extends z.ZodType>(schema: T, description: string, example?: unknown): T {
  return schema.meta(example === undefined ? { description } : { description, example }) as T
}

/** Paging parameters every Omeka index takes (Classic and S alike). */
export const pagingQuery = {
  page: described(z.string().optional(), 'Page number, from 1.', '2'),
  per_page: described(
    z.string().optional(),
    "Records per page (Classic: capped by the site's `api_per_page`; S: any).",
    '50',
  ),
}

/** The output-shaping parameters both flavours accept on every request. */
export const shapingQuery = {
  pretty_print: described(
    z.string().optional(),
    "Any value: the JSON is indented the way PHP's JSON_PRETTY_PRINT does it.",
    '1',
  ),
  callback: described(
    z.string().optional(),
    'JSONP: the body is wrapped in `callback(...)` and served as application/javascript.',
    'handle',
  ),
}

/** Response headers of an index. */
export const totalHeader = (name: string) => ({
  [name]: {
    description: 'How many records match the query, whatever page is shown.',
    schema: { type: 'integer' as const },
  },
})
export const linkHeader = {
  Link: {
    description: 'RFC 8288 links to the first, previous, next and last pages (rel="first", "prev", "next", "last").',
    schema: { type: 'string' as const },
    example:
      '<http://127.0.0.1:8080/api/items?page=1>; rel="first", <http://127.0.0.1:8080/api/items?page=2>; rel="next", <http://127.0.0.1:8080/api/items?page=3>; rel="last"',
  },
}

/** A JSON (and JSONP) response with a body schema. */
export function jsonResponse(
  description: string,
  schema: z.ZodType,
  opts: { mediaType?: string; headers?: ResponseConfig['headers']; jsonp?: boolean } = {},
): ResponseConfig {
  const content: ResponseConfig['content'] = { [opts.mediaType ?? 'application/json']: { schema } }
  if (opts.jsonp !== false)
    content['application/javascript'] = {
      schema: z.string().meta({ description: 'The JSON wrapped in the `callback` function (JSONP).' }),
    }
  return { description, ...(opts.headers ? { headers: opts.headers } : {}), content }
}

/** An HTML page (Omeka's own, e.g. its error pages or /api without a resource). */
export const htmlResponse = (description: string): ResponseConfig => ({
  description,
  content: { 'text/html': { schema: z.string() } },
})

/**
 * Names a component: the generator turns a schema with a zod `id` into `#/components/schemas/<id>` and a $ref
 * (zod-to-openapi's registry.register needs zod's prototype patched, which fails when zod loads twice, ESM and CJS).
 */
export function component<T extends z.ZodType>(_registry: OpenAPIRegistry, name: string, schema: T): T {
  return schema.meta({ ...(schema.meta() ?? {}), id: name }) as T
}

/** `get /api/items/{id}` → `getApiItemsId`: a stable id for code generators. */
export function operationId(method: string, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean)
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')
}

type Operation = { operationId?: string }

/** Paths sorted (stable, diffable output) and every operation given its operationId. */
export function sortPaths(doc: object): Record<string, unknown> {
  const d = doc as { paths?: Record<string, Record<string, Operation>> }
  if (!d.paths) return { ...d }
  const paths = Object.fromEntries(Object.entries(d.paths).sort(([a], [b]) => a.localeCompare(b)))
  for (const [path, item] of Object.entries(paths))
    for (const [method, op] of Object.entries(item)) op.operationId ??= operationId(method, path)
  return { ...d, paths }
}
