import { Hono, type Context } from 'hono'
import type { Deps } from './deps.js'
import { ApiError } from '../core/http/errors.js'
import { parsePhpQuery, scalarParam, type PhpArray } from '../core/http/php-query.js'
import { makeUrls, requestOrigin } from '../core/http/urls.js'
import { plainJson } from '../core/http/respond.js'
import { requestBodyLimit } from '../core/http/body-limits.js'
import { apiBodyLimit, checkJsonTexts, checkQueryLists, jsonDepth, LIMITS } from '../core/http/limits.js'
import { formRecord, readMultipart } from '../core/http/multipart.js'
import { themeNotFoundPage } from './api/site/theme-404.js'
import { findActorByKey } from './api/users/users.repo.js'
import type { ClassicAction, ClassicHandler, ClassicRequest, ClassicResource } from './context.js'
import type { Actor } from './acl.js'
import type { ApiSettings } from './settings.js'

const ALWAYS_ALLOWED = ['key', 'callback', 'pretty_print']
const INDEX_ALLOWED = ['page', 'per_page', 'sort_field', 'sort_dir']

/** Omeka's error body for the Classic API: plain JSON always (callback and pretty_print are ignored). */
export function renderClassicError(err: unknown): Response {
  if (err instanceof ApiError) {
    if (err.emptyHtml)
      return new Response('', { status: err.status, headers: { 'Content-Type': 'text/html; charset=UTF-8' } })
    return plainJson(err.errors ? { message: err.message, errors: err.errors } : { message: err.message }, err.status)
  }
  console.error(err)
  return plainJson({ message: 'Internal server error.' }, 500)
}

function rawQuery(url: string): string {
  const q = url.indexOf('?')
  return q < 0 ? '' : url.slice(q + 1)
}

/** The action Omeka's API router picks for a method and path (Omeka_Controller_Router_Api::_getAction). */
function actionFor(method: string, hasId: boolean): string {
  switch (method) {
    case 'GET':
      return hasId ? 'get' : 'index'
    case 'POST':
      if (hasId) throw new ApiError(405, 'POST requests must not include an ID.')
      return 'post'
    case 'PUT':
    case 'DELETE':
      if (!hasId) throw new ApiError(405, 'PUT and DELETE requests must include an ID.')
      return method.toLowerCase()
    default:
      return method.toLowerCase()
  }
}

/** $_GET names must be in the action's whitelist; arrays (`collection[]`) are checked by base name. */
function checkParams(query: PhpArray, resource: ClassicResource, action: string): void {
  const allowed = new Set(ALWAYS_ALLOWED)
  if (action === 'index') for (const p of [...INDEX_ALLOWED, ...(resource.indexParams ?? [])]) allowed.add(p)
  for (const name of query.keys())
    if (!allowed.has(name)) throw new ApiError(400, `Invalid GET request parameter: "${name}"`)
}

async function readBody(
  c: Context,
  resource: ClassicResource,
  action: ClassicAction,
): Promise<{ body: Record<string, unknown> | null; form?: Record<string, string | File> }> {
  if (action !== 'post' && action !== 'put') return { body: {} }
  const contentType = c.req.header('Content-Type') ?? ''
  if (resource.multipartPost && action === 'post' && contentType.toLowerCase().startsWith('multipart/form-data')) {
    return { body: {}, form: formRecord(await readMultipart(c)) }
  }
  const text = await c.req.text()
  return { body: parseJsonObject(text) }
}

/**
 * A JSON object body, or null (Omeka answers 400 for anything else: invalid JSON, arrays, scalars, empty,
 * and nesting deeper than json_decode's 512 levels); a text over LIMITS.textBytes is refused.
 */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  if (jsonDepth(text) > LIMITS.jsonDepth) return null
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    return null
  }
  checkJsonTexts(text, v)
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null
}

/** The request's path and query as the client sent them (PHP's REQUEST_URI). */
function requestUri(c: Context): string {
  const incoming = (c.env as { incoming?: { url?: string } } | undefined)?.incoming?.url
  if (incoming) return incoming
  const u = new URL(c.req.url)
  return u.pathname + u.search
}

interface CheckedRoute {
  resource: ClassicResource
  action: ClassicAction
  handler: ClassicHandler
  query: PhpArray
  settings: ApiSettings
  user: Actor | null
  id: number
}

/**
 * Omeka_Controller_Router_Api's checks, first failure wins: the query's key, the API switch, the
 * resource, the method's action, then the GET parameters. 'head' when the method is HEAD (405, no body).
 */
function checkRoute(
  deps: Deps,
  byName: Map<string, ClassicResource>,
  r: { resourceName: string; params: string[]; method: string; headRequest: boolean; rawQuery: string },
): CheckedRoute | 'head' {
  const query = parsePhpQuery(r.rawQuery)
  const settings = deps.options.settings()
  const queryKey = scalarParam(query, 'key')
  const user = queryKey !== undefined ? findActorByKey(deps.db, queryKey) : null
  if (queryKey !== undefined && !user) throw new ApiError(403, 'Invalid key.')
  if (!settings.api_enable) throw new ApiError(403, 'API is disabled')
  const resource = byName.get(r.resourceName)
  if (!resource) throw new ApiError(404, `The "${r.resourceName}" resource is unavailable.`)
  // A real HEAD request has no body to answer with; a HEAD override on a POST asks for a "head" action.
  if (r.headRequest) return 'head'
  const action = actionFor(r.method, r.params.length > 0)
  const handler = (resource.actions as string[]).includes(action)
    ? resource.handlers[action as ClassicAction]
    : undefined
  if (!handler) throw new ApiError(405, `This resource does not implement the "${action}" action.`)
  checkParams(query, resource, action)
  checkQueryLists(query)
  const idText = r.params[0] ?? ''
  return { resource, action: action as ClassicAction, handler, query, settings, user, id: phpIntval(idText) }
}

/**
 * PHP's (int) cast of a path id, as Omeka_Db_Table::find() applies it: leading whitespace, a sign and the
 * leading digits (`12abc` is 12, `abc` is 0); beyond PHP_INT_MAX it saturates, which matches no record.
 */
export function phpIntval(s: string): number {
  const m = /^[ \t\n\r\v\f]*([+-]?\d+)/.exec(s)
  if (!m) return 0
  const n = Number(m[1])
  return Number.isSafeInteger(n) ? n : n > 0 ? Number.MAX_SAFE_INTEGER : 0
}

const API_INDEX_HTML = (origin: string, title: string) =>
  `<p>This is the endpoint URL for the ${title} REST API.</p>\n` +
  `<p>You can view site information here: <a href="${origin}/api/site?pretty_print">${origin}/api/site</a></p>\n` +
  `<p>You can view available API resources here: <a href="${origin}/api/resources?pretty_print">${origin}/api/resources</a></p>\n`

/**
 * The Classic API: every request passes Omeka's router checks in Omeka's order (key, enabled,
 * resource, method/action, GET parameters) before the resource's handler runs.
 */
export function classicApi(deps: Deps, resources: readonly ClassicResource[]): Hono {
  const api = new Hono()
  const byName = new Map(resources.map((r) => [r.name, r]))

  const origin = (c: Context) => requestOrigin(c.req.url, c.req.header('Host'), deps.config.baseUrl)

  const htmlIndex = (c: Context) =>
    new Response(API_INDEX_HTML(origin(c), deps.options.site().title), {
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
    })
  api.all('/', htmlIndex)

  // Refuse oversized bodies from Content-Length (or while streaming) before anything is buffered.
  // The slack leaves room for multipart headers and the `data` part around a file of the maximum size.
  api.use(
    '/*',
    requestBodyLimit(apiBodyLimit(deps.config.maxUploadBytes), () =>
      plainJson(
        { message: `Request body too large: the maximum upload size is ${deps.config.maxUploadBytes} bytes.` },
        413,
      ),
    ),
  )

  api.all('/*', async (c) => {
    try {
      if (deps.health.broken) throw new ApiError(500, `The site is unavailable: ${deps.health.broken}`)
      const path = c.req.path.replace(/^\/api/, '')
      if (path === '' || path === '/') return htmlIndex(c)
      const m = /^\/([a-z_]+)(.+)?$/.exec(path)
      if (!m)
        return new Response(themeNotFoundPage(deps.options.site(), origin(c), requestUri(c)), {
          status: 404,
          headers: { 'Content-Type': 'text/html; charset=utf-8' },
        })
      const method = (c.req.header('X-HTTP-Method-Override') ?? c.req.method).toUpperCase()
      const route = checkRoute(deps, byName, {
        resourceName: m[1]!,
        params: (m[2] ?? '').split('/').filter((p) => p !== ''),
        method,
        headRequest: c.req.method === 'HEAD',
        rawQuery: rawQuery(c.req.url),
      })
      if (route === 'head') return new Response(null, { status: 405, headers: { 'Content-Type': 'application/json' } })
      const { resource, action, query, settings, id, handler } = route
      const { body, form } = await readBody(c, resource, action)
      // The key may also come as a multipart form field (Omeka reads it with getParam()).
      const user = route.user ?? (form && typeof form.key === 'string' ? findActorByKey(deps.db, form.key) : null)
      const req: ClassicRequest = {
        c,
        deps,
        urls: makeUrls(origin(c)),
        query,
        user,
        settings,
        action,
        id,
        body,
        ...(form ? { form } : {}),
      }
      if ((action === 'get' || action === 'put' || action === 'delete') && id <= 0)
        throw new ApiError(404, 'Invalid record. Record not found.')
      return await handler(req)
    } catch (err) {
      return renderClassicError(err)
    }
  })
  return api
}
