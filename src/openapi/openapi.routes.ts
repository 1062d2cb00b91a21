import { Hono } from 'hono'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { RuntimeConfig } from '../config.js'
import { classicOpenApi } from './classic.document.js'
import { controlOpenApi } from './control.document.js'
import { sOpenApi } from './s.document.js'

/** The documents this server serves, by file name: only the APIs that are on. */
export function openApiDocuments(deps: { config: RuntimeConfig }): Record<string, () => Record<string, unknown>> {
  const flavor = deps.config.flavor ?? 'classic'
  const docs: Record<string, () => Record<string, unknown>> = {}
  if (flavor !== 's') docs.classic = once(classicOpenApi)
  if (flavor !== 'classic') docs.s = once(() => sOpenApi(flavor === 'both' ? '/s' : ''))
  if (deps.config.control)
    docs.control = once(() => controlOpenApi(flavor === 'classic' ? {} : { sMount: flavor === 'both' ? '/s' : '' }))
  return docs
}

function once<T>(build: () => T): () => T {
  let value: T | undefined
  return () => (value ??= build())
}

const UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
}

/** Swagger UI's files, from the npm package (no CDN). */
function swaggerUiDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
}

const page = (names: string[]) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>omeka-twin API reference</title>
<link rel="stylesheet" href="/__openapi/ui/swagger-ui.css">
<link rel="icon" href="/__openapi/ui/favicon-32x32.png">
</head>
<body>
<main id="swagger-ui" data-urls="${names.map((n) => `/__openapi/${n}.json`).join(' ')}"></main>
<script src="/__openapi/ui/swagger-ui-bundle.js"></script>
<script src="/__openapi/ui/swagger-ui-standalone-preset.js"></script>
<script src="/__openapi/ui/init.js"></script>
</body>
</html>`

const INIT = `const urls = document.getElementById('swagger-ui').dataset.urls.split(' ').map((url) => ({ url, name: url.replace(/^.*\\//, '') }))
window.ui = SwaggerUIBundle({ urls, dom_id: '#swagger-ui', presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout', deepLinking: true })
`

/**
 * `/__openapi`: the OpenAPI 3.1 documents (`classic.json`, `s.json`, `control.json`, those that are on) and
 * Swagger UI rendering them, served from this server. Never under /api, which stays Omeka's.
 */
export function openApiRoutes(deps: { config: RuntimeConfig }): Hono {
  const docs = openApiDocuments(deps)
  const routes = new Hono()
  routes.get('/', (c) => c.html(page(Object.keys(docs))))
  routes.get('/ui/init.js', (c) => c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
  routes.get('/ui/:file', async (c) => {
    const file = c.req.param('file')
    const type = UI_FILES[file]
    if (!type) return c.text('Not Found', 404)
    return c.body(await readFile(join(swaggerUiDir(), file)), 200, {
      'Content-Type': type,
      'Cache-Control': 'public, max-age=3600',
    })
  })
  routes.get('/:name{[a-z]+\\.json}', (c) => {
    const build = docs[c.req.param('name').replace(/\.json$/, '')]
    return build ? c.json(build()) : c.text('Not Found', 404)
  })
  return routes
}
