import { Hono } from 'hono'
import type { Deps } from '../deps.js'
import { sendFile } from '../../core/http/send-file.js'
import { FILE_KINDS, type FileKind } from '../../core/files/file-store.js'

const DERIVATIVE_MIME = 'image/jpeg'

/**
 * `/files/<kind>/<name>`: the stored bytes. Derivatives missing on disk (a fixture was just loaded)
 * are generated from the original on first request, so resets stay fast.
 */
export function filesWeb(deps: Deps): Hono {
  const web = new Hono()
  web.get('/:kind/:name', async (c) => {
    const kind = c.req.param('kind') as FileKind
    const name = c.req.param('name')
    if (!FILE_KINDS.includes(kind) || !/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.'))
      return c.text('Not Found', 404)
    const { db, files } = deps
    if (kind === 'original') {
      const row = db.$client
        .prepare<unknown[], { mime: string | null }>('SELECT mime_type AS mime FROM files WHERE filename = ?')
        .get(name)
      if (!row || !files.exists('original', name)) return c.text('Not Found', 404)
      return sendFile(c, files.path('original', name), row.mime ?? 'application/octet-stream')
    }
    const base = name.replace(/\.jpg$/, '')
    if (base === name) return c.text('Not Found', 404)
    const row = db.$client
      .prepare<unknown[], { filename: string }>(
        "SELECT filename FROM files WHERE has_derivative_image = 1 AND (filename = ? OR filename LIKE ? ESCAPE '\\') LIMIT 1",
      )
      .get(base, `${base.replace(/[\\%_]/g, (ch) => `\\${ch}`)}.%`)
    if (!row) return c.text('Not Found', 404)
    if (!files.exists(kind, name)) {
      if (!files.exists('original', row.filename)) return c.text('Not Found', 404)
      await files.writeDerivatives(row.filename, files.readOriginal(row.filename))
      if (!files.exists(kind, name)) return c.text('Not Found', 404)
    }
    return sendFile(c, files.path(kind, name), DERIVATIVE_MIME)
  })
  return web
}
