import { serveStatic } from '@hono/node-server/serve-static'
import { statSync } from 'node:fs'
import etag from 'etag'
import fresh from 'fresh'
import type { Context } from 'hono'

/**
 * A stored file as a web server sends it: streamed from disk (never read whole), `Range` → 206,
 * `Content-Length`, `Last-Modified` (@hono/node-server's serveStatic), plus a weak `ETag` from size and
 * mtime (jshttp's etag, as Express's `send`) and `304 Not Modified` on a fresh conditional GET (jshttp's fresh).
 * `type` is the stored media type (the database's, not the extension's).
 */
export async function sendFile(c: Context, path: string, type: string): Promise<Response> {
  const stats = statSync(path)
  const tag = etag(stats)
  const lastModified = stats.mtime.toUTCString()
  const conditional = {
    'if-none-match': c.req.header('if-none-match'),
    'if-modified-since': c.req.header('if-modified-since'),
  }
  if (
    (c.req.method === 'GET' || c.req.method === 'HEAD') &&
    fresh(conditional, { etag: tag, 'last-modified': lastModified })
  ) {
    return new Response(null, { status: 304, headers: { ETag: tag, 'Last-Modified': lastModified } })
  }
  const res = (await serveStatic({ path })(c, async () => {})) as Response | undefined
  if (!res) return c.text('Not Found', 404)
  res.headers.set('Content-Type', type)
  res.headers.set('ETag', tag)
  res.headers.set('Accept-Ranges', 'bytes')
  return res
}
