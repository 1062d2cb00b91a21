import { Hono, type Context } from 'hono'
import { ApiError } from '../core/http/errors.js'
import { parsePhpQuery } from '../core/http/php-query.js'
import { requestOrigin } from '../core/http/urls.js'
import { authenticateRequest } from './auth.js'
import { adapterAllows, denied, type Operation } from './acl.js'
import { browseDefaults, pageOf, linkHeader } from './browse.js'
import type { Deps } from './deps.js'
import type { ApiRequest, Resource } from './context.js'
import { htmlResponse, OmekaErrorPage, errorResponse, readResponse, respond, serverError } from './respond.js'
import { readSettings, readSite } from './settings.js'
import { errorPageHtml, notFoundPageHtml } from './http/error-pages.js'
import { makeUrls } from './urls.js'
import { apiRootHtml } from './api-root.js'
import { readPayload } from './payload.js'
import { requestBodyLimit } from '../core/http/body-limits.js'
import { apiBodyLimit, checkQueryLists } from '../core/http/limits.js'

const OPS: Record<string, [withId: Operation | null, withoutId: Operation | null]> = {
  GET: ['read', 'search'],
  POST: ['create', 'create'],
  PUT: ['update', null],
  PATCH: ['update', null],
  DELETE: ['delete', null],
}

function rawQuery(c: Context): string {
  const url = c.req.url
  const i = url.indexOf('?')
  return i === -1 ? '' : url.slice(i + 1)
}

/**
 * The Omeka S API: `/api[/:resource[/:id]]` and `/api-context`, with the checks in Omeka's order —
 * Apache's trailing-slash 307, laminas' 405s, key auth (silent on failure), body decoding (415/400),
 * the API manager (unknown resource 500, adapter ACL 403), then the adapter.
 */
export function apiRouter(deps: Deps, registry: readonly Resource[], contextDoc: (req: ApiRequest) => unknown): Hono {
  const api = new Hono()
  const byName = new Map(registry.map((r) => [r.name, r]))

  const base = (c: Context) => {
    const query = parsePhpQuery(rawQuery(c))
    const urls = makeUrls(requestOrigin(c.req.url, c.req.header('host'), deps.config.baseUrl), deps.mount)
    return { query, urls }
  }

  api.all('/api-context', (c) => {
    const { query, urls } = base(c)
    const req = {
      c,
      deps,
      urls,
      query,
      user: null,
      settings: readSettings(deps.db),
      id: '',
      body: {},
      files: new Map(),
    }
    return readResponse(c, query, contextDoc(req))
  })

  // Bodies over the upload limit are refused before they are read (Omeka S: PHP's post_max_size).
  api.use(
    '/api/*',
    requestBodyLimit(apiBodyLimit(deps.config.maxUploadBytes), (c) =>
      errorResponse(
        parsePhpQuery(rawQuery(c)),
        new ApiError(413, `Request body too large: the maximum upload size is ${deps.config.maxUploadBytes} bytes.`),
      ),
    ),
  )
  api.all('/api/*', async (c) => dispatch(c))

  async function dispatch(c: Context): Promise<Response> {
    const { query, urls } = base(c)
    const path = c.req.path.slice(`${deps.mount}/api`.length)
    if (path === '')
      return new Response(
        apiRootHtml(
          urls,
          registry.map((r) => r.name),
        ),
        { headers: { 'Content-Type': 'text/html; charset=UTF-8' } },
      )
    if (/\/+$/.test(path)) {
      const qs = rawQuery(c)
      return new Response(null, {
        status: 307,
        headers: { Location: `${urls.origin}${deps.mount}/api${path.replace(/\/+$/, '')}${qs ? `?${qs}` : ''}` },
      })
    }
    const segments = path.slice(1).split('/')
    if (segments.length > 2 || !/^[a-zA-Z0-9_-]+$/.test(segments[0]!))
      return htmlResponse(
        404,
        deps.config.bugCompat
          ? notFoundPageHtml(readSite(deps.db).installation_title)
          : '<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>',
      )
    const [name, id] = segments as [string, string | undefined]
    const ops = OPS[c.req.method]
    const op = ops ? ops[id === undefined ? 1 : 0] : null
    if (!op) return htmlResponse(405)
    try {
      if (deps.health.broken) throw new ApiError(500, `The data is unavailable: ${deps.health.broken}`)
      checkQueryLists(query)
      const user = authenticateRequest(deps.db, c.req.raw, query)
      const { body, files } =
        op === 'create' || op === 'update' ? await readPayload(c) : { body: {}, files: new Map<string, File>() }
      const resource = byName.get(name) ?? serverError(`The API does not support the "${name}" resource.`)
      if (!adapterAllows(user, name, op)) denied(op, resource.adapter)
      const req: ApiRequest = { c, deps, urls, query, user, settings: readSettings(deps.db), id: id ?? '', body, files }
      return await run(req, resource, op)
    } catch (err) {
      if (err instanceof ApiError) return errorResponse(query, err)
      if (err instanceof OmekaErrorPage) return htmlResponse(500, errorPageHtml(readSite(deps.db).installation_title))
      throw err
    }
  }

  async function run(req: ApiRequest, resource: Resource, op: Operation): Promise<Response> {
    const notImplemented = () => serverError(`The ${resource.adapter} adapter does not implement the ${op} operation.`)
    switch (op) {
      case 'search': {
        if (!resource.search) return notImplemented()
        const query = browseDefaults(req.query)
        const result = resource.search({ ...req, query })
        const page = pageOf(query, req.settings.pagination_per_page)
        const headers: Record<string, string> = {}
        if (result.total !== undefined) headers['Omeka-S-Total-Results'] = String(result.total)
        headers.Link = linkHeader(req.urls.api(resource.name), query, page, result.total)
        return readResponse(req.c, req.query, result.items, headers)
      }
      case 'read':
        return readResponse(req.c, req.query, resource.read ? resource.read(req) : notImplemented())
      case 'create':
        return respond(req.query, resource.create ? await resource.create(req) : notImplemented())
      case 'update':
        return respond(
          req.query,
          resource.update ? await resource.update(req, req.c.req.method === 'PATCH') : notImplemented(),
        )
      case 'delete':
        return respond(req.query, resource.delete ? resource.delete(req) : notImplemented())
    }
  }

  return api
}
