import { Hono, type Context } from 'hono'
import { errorMessage, type ApiAnswer } from './api-client.js'
import { field, takeFlash, type AdminContext, type AdminEnv } from './admin.context.js'
import { ControlPage } from './views/control.js'

/** `/admin/control` (only with --control): forms over the control plane's HTTP endpoints. */
export function controlRoutes(_ctx: AdminContext): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>()
  const done = (c: Context<AdminEnv>, answer: ApiAnswer, ok: string) => {
    c.var.session.flash = answer.status < 300 ? ok : `Refused: ${errorMessage(answer)}`
    return c.redirect('/admin/control', 303)
  }

  r.get('/', async (c) => {
    const api = c.var.api
    const [faults, journal, snapshots] = await Promise.all([
      api.control('GET', '/faults'),
      api.control('GET', '/requests?limit=50'),
      api.control('GET', '/snapshots'),
    ])
    const state = {
      faults: faults.body,
      journal: Array.isArray(journal.body) ? journal.body : [],
      snapshots: Array.isArray(snapshots.body) ? snapshots.body : [],
    }
    return c.html(<ControlPage session={c.var.session} state={state} flash={takeFlash(c.var.session)} />)
  })

  r.post('/reset', async (c) => {
    const form = await c.req.parseBody()
    return done(
      c,
      await c.var.api.control('POST', '/reset', { fixture: field(form, 'fixture') }),
      'Reset to the fixture. If your key is not in it, sign in again.',
    )
  })

  r.post('/seed', async (c) => {
    const form = await c.req.parseBody()
    const n = (name: string) => (field(form, name) === '' ? undefined : Number(field(form, name)))
    const groups = c.var.api.flavor === 'classic' ? { collections: n('collections') } : { item_sets: n('item_sets') }
    const body = Object.fromEntries(
      Object.entries({ items: n('items'), files: n('files'), seed: n('seed'), ...groups }).filter(
        ([, v]) => v !== undefined,
      ),
    )
    return done(
      c,
      await c.var.api.control('POST', '/seed', body),
      'Seeded a synthetic site. Its users have new keys: sign in again with one of them.',
    )
  })

  r.post('/faults', async (c) => {
    const form = await c.req.parseBody()
    if (field(form, 'action') === 'clear')
      return done(c, await c.var.api.control('DELETE', '/faults'), 'Fault rules cleared.')
    let rules: unknown
    try {
      rules = JSON.parse(field(form, 'faults') || '[]')
    } catch (err) {
      c.var.session.flash = `Refused: the rules are not JSON (${(err as Error).message}).`
      return c.redirect('/admin/control', 303)
    }
    return done(c, await c.var.api.control('PUT', '/faults', rules), 'Fault rules replaced.')
  })

  r.post('/snapshots', async (c) => {
    const form = await c.req.parseBody()
    return done(
      c,
      await c.var.api.control('POST', '/snapshots', { name: field(form, 'name') }),
      `Snapshot "${field(form, 'name')}" saved.`,
    )
  })
  r.post('/snapshots/:name/restore', async (c) =>
    done(
      c,
      await c.var.api.control('POST', `/snapshots/${encodeURIComponent(c.req.param('name'))}/restore`),
      `Snapshot "${c.req.param('name')}" restored.`,
    ),
  )
  r.post('/snapshots/:name/delete', async (c) =>
    done(
      c,
      await c.var.api.control('DELETE', `/snapshots/${encodeURIComponent(c.req.param('name'))}`),
      `Snapshot "${c.req.param('name')}" deleted.`,
    ),
  )
  r.post('/journal/clear', async (c) => done(c, await c.var.api.control('DELETE', '/requests'), 'Journal cleared.'))
  return r
}
