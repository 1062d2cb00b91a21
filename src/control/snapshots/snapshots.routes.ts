import { Hono, type Context } from 'hono'
import { plainJson } from '../../core/http/respond.js'
import { adminMessage, describeIssue, jsonObject } from '../control.http.js'
import { SnapshotSchemaError } from './snapshots.db.js'
import { snapshotNameSchema, type SnapshotStore } from './snapshots.js'

/** The snapshot named in the path, or an error response (bad name 400, unknown 404). */
function existing(c: Context, store: SnapshotStore): string | Response {
  const name = c.req.param('name') ?? ''
  const parsed = snapshotNameSchema.safeParse(name)
  if (!parsed.success) return adminMessage(`Invalid snapshot name: ${parsed.error.issues[0]!.message}`, 400)
  return store.exists(name) ? name : adminMessage(`No snapshot named "${name}".`, 404)
}

/** `/__admin/snapshots`: POST {"name"} saves, GET lists, POST /NAME/restore restores, DELETE /NAME removes. */
export function snapshotsRoutes(store: SnapshotStore): Hono {
  const routes = new Hono()
  routes.post('/', async (c) => {
    const body = await jsonObject(c)
    if (!body) return adminMessage('The request body must be a JSON object: {"name": "..."}.', 400)
    const name = snapshotNameSchema.safeParse(body.name)
    if (!name.success) return adminMessage(describeIssue(name.error).replace('the body', '"name"'), 400)
    return plainJson(store.save(name.data), 201)
  })
  routes.get('/', () => plainJson(store.list(), 200))
  routes.all('/', () => adminMessage('Method not allowed: use GET or POST.', 405))

  routes.post('/:name/restore', (c) => {
    const name = existing(c, store)
    if (typeof name !== 'string') return name
    try {
      store.restore(name)
    } catch (err) {
      if (err instanceof SnapshotSchemaError) return adminMessage(`Cannot restore "${name}": ${err.message}`, 409)
      throw err
    }
    return c.body(null, 204)
  })
  routes.all('/:name/restore', () => adminMessage('Method not allowed: use POST.', 405))
  routes.get('/:name', (c) => {
    const name = existing(c, store)
    return typeof name === 'string'
      ? plainJson(
          store.list().find((s) => s.name === name),
          200,
        )
      : name
  })
  routes.delete('/:name', (c) => {
    const name = existing(c, store)
    if (typeof name !== 'string') return name
    store.delete(name)
    return c.body(null, 204)
  })
  routes.all('/:name', () => adminMessage('Method not allowed: use GET or DELETE.', 405))
  return routes
}
