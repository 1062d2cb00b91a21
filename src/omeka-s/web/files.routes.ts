import { Hono } from 'hono'
import { sendFile } from '../../core/http/send-file.js'
import type { Deps } from '../deps.js'

const THUMBNAILS = ['large', 'medium', 'square'] as const

/**
 * `/files/<kind>/<name>` of the Omeka S flavour: originals by their stored name (with the media's
 * type), thumbnails as JPEG, assets; anything not in the database is a 404 (so no stray file leaks).
 */
export function filesWeb(deps: Deps): Hono {
  const web = new Hono()
  web.get('/:kind/:name', async (c) => {
    const kind = c.req.param('kind')
    const name = c.req.param('name')
    if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.')) return c.text('Not Found', 404)
    const dot = name.lastIndexOf('.')
    const [storageId, extension] = dot === -1 ? [name, null] : [name.slice(0, dot), name.slice(dot + 1)]
    const q = (sql: string, ...args: unknown[]) =>
      deps.db.$client.prepare<unknown[], { type: string | null }>(sql).get(...args)
    let row: { type: string | null } | undefined
    if (kind === 'original')
      row = q(
        'SELECT media_type AS type FROM media WHERE storage_id = ? AND extension IS ? AND has_original = 1',
        storageId,
        extension,
      )
    else if ((THUMBNAILS as readonly string[]).includes(kind))
      row =
        extension === 'jpg'
          ? q("SELECT 'image/jpeg' AS type FROM media WHERE storage_id = ? AND has_thumbnails = 1", storageId)
          : undefined
    else if (kind === 'asset')
      row = q('SELECT media_type AS type FROM asset WHERE storage_id = ? AND extension IS ?', storageId, extension)
    if (!row || !deps.files.exists(kind as 'original', name)) return c.text('Not Found', 404)
    return sendFile(c, deps.files.path(kind as 'original', name), row.type ?? 'application/octet-stream')
  })
  return web
}
