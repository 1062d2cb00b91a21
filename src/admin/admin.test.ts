import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import { initialise, memoryDeps } from '../classic/bootstrap.js'
import { insertKey, insertUser } from '../classic/api/users/users.repo.js'
import type { RuntimeConfig } from '../config.js'
import { initialiseS, memoryDeps as memorySDeps } from '../omeka-s/bootstrap.js'
import { insertRun, updateRun } from '../classic/importer/runs.repo.js'

const ORIGIN = 'http://127.0.0.1:8080'
const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((f) => f()))

/** The real app on :memory: with Omeka's fresh install (no demo data) and its super user's key. */
async function site(config: Partial<RuntimeConfig> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-admin-'))
  const deps = memoryDeps(join(dir, 'files'), { control: true, ...config })
  const key = initialise(deps, { empty: config.flavor === 's' })!
  const s =
    config.flavor && config.flavor !== 'classic'
      ? memorySDeps(join(dir, 's'), deps.config, config.flavor === 'both' ? '/s' : '')
      : undefined
  const sKey = s ? await initialiseS(s, { empty: false }) : null
  const app = createApp({ config: deps.config, classic: config.flavor === 's' ? undefined : deps, s })
  cleanups.push(() => {
    deps.db.$client.close()
    s?.db.$client.close()
    rmSync(dir, { recursive: true, force: true })
  })
  let cookie = ''
  /** A browser: keeps the session cookie, sends forms with this origin. */
  const browser = async (path: string, form?: Record<string, string>, headers: Record<string, string> = {}) => {
    const init: RequestInit = {
      method: form ? 'POST' : 'GET',
      headers: {
        ...(cookie ? { Cookie: cookie } : {}),
        ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN } : {}),
        ...headers,
      },
    }
    if (form) init.body = new URLSearchParams(form).toString()
    const res = await app.request(`${ORIGIN}${path}`, init)
    const set = res.headers.get('Set-Cookie')
    if (set) cookie = set.split(';')[0]!
    return {
      status: res.status,
      location: res.headers.get('Location'),
      setCookie: set,
      headers: res.headers,
      html: await res.text(),
    }
  }
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
  return { deps, app, key, sKey, browser, csrfOf }
}

describe('admin page: sign-in and session (happy path)', () => {
  it('sends a signed-out visitor to the sign-in form, and signs a super user in with a session cookie that holds no key', async () => {
    const t = await site()
    expect(await t.browser('/admin')).toMatchObject({ status: 303, location: '/admin/login' })
    const form = await t.browser('/admin/login')
    expect(form.html).toContain('<label for="key">API key (Omeka Classic)</label>')
    expect(form.headers.get('Content-Security-Policy')).toContain("script-src 'self'")
    expect(form.html).not.toContain('will not keep its Secure session cookie')
    const remote = await t.app.request('http://omeka.example.org/admin/login')
    expect(await remote.text()).toContain('will not keep its Secure session cookie')
    const signIn = await t.browser('/admin/login', { flavor: 'classic', key: t.key })
    expect(signIn).toMatchObject({ status: 303, location: '/admin' })
    expect(signIn.setCookie).toMatch(
      /^omeka_twin_admin=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=\/admin; HttpOnly; Secure; SameSite=Strict$/,
    )
    expect(signIn.setCookie).not.toContain(t.key)
    const home = await t.browser('/admin')
    expect(home.status).toBe(200)
    expect(home.html).toContain('<h1>Imports</h1>')
    expect(home.html).toContain('No import has run yet.')
  })

  it('lists runs with their status and shows a run with its progress per resource', async () => {
    const t = await site()
    const id = insertRun(t.deps.db, {
      endpoint: 'http://origin.test/api',
      origin: 'http://origin.test',
      omekaUrl: 'http://origin.test',
      options: {
        mode: 'merge',
        override_element_sets: false,
        import_users: true,
        dry_run: false,
        full: false,
        authenticated: false,
      },
      ownerId: 1,
    })
    updateRun(t.deps.db, id, { status: 'completed', started: '2026-01-01 10:00:00', finished: '2026-01-01 10:00:10' })
    await t.browser('/admin/login', { key: t.key })
    const history = await t.browser('/admin')
    expect(history.html).toContain(`<a href="/admin/imports/${id}">Run ${id}</a>`)
    expect(history.html).toContain('status-completed')
    const run = await t.browser(`/admin/imports/${id}`)
    expect(run.html).toContain('<h1>Import run 1</h1>')
    expect(run.html).toContain('data-final="1"')
    expect(run.html).toContain(`href="/admin/imports/${id}/undo"`)
    const events = await t.browser(`/admin/imports/${id}/events`)
    expect(events.headers.get('Content-Type')).toContain('text/event-stream')
    expect(events.html).toMatch(/^event: progress\ndata: \{"id":1,.*"status":"completed","final":true.*\}\nid: 0\n\n/)
    expect(events.html).toMatch(/event: end\ndata: \{\}\n\n$/)
    expect((await t.browser('/admin/imports/99')).status).toBe(404)
  })

  it('cancels an interrupted run from its page, and offers to resume one left running', async () => {
    const t = await site()
    const options = {
      mode: 'merge' as const,
      override_element_sets: false,
      import_users: true,
      dry_run: false,
      full: false,
      authenticated: false,
    }
    const queued = insertRun(t.deps.db, {
      endpoint: 'http://origin.test/api',
      origin: 'http://origin.test',
      omekaUrl: 'http://origin.test',
      options,
      ownerId: 1,
    })
    await t.browser('/admin/login', { key: t.key })
    const page = await t.browser(`/admin/imports/${queued}`)
    expect(page.html).toContain('Cancel the run')
    expect(page.html).toContain('<h2>Resume</h2>')
    expect(await t.browser(`/admin/imports/${queued}/cancel`, { _csrf: t.csrfOf(page.html) })).toMatchObject({
      status: 303,
      location: `/admin/imports/${queued}`,
    })
    const after = await t.browser(`/admin/imports/${queued}`)
    expect(after.html).toContain('The run is being cancelled.')
    expect(after.html).toMatch(/<span id="run-status" class="status status-cancelled"[^>]*>cancelled<\/span>/)
    expect(after.html).not.toContain('Cancel the run')
    const again = await t.browser(`/admin/imports/${queued}/cancel`, { _csrf: t.csrfOf(after.html) })
    expect(again.status).toBe(303)
    expect((await t.browser(`/admin/imports/${queued}`)).html).toContain(
      'Cancel refused: Import 1 cannot be cancelled (status cancelled).',
    )
  })

  it('signs out: the cookie no longer opens the page', async () => {
    const t = await site()
    await t.browser('/admin/login', { key: t.key })
    const home = await t.browser('/admin')
    expect(await t.browser('/admin/logout', { _csrf: t.csrfOf(home.html) })).toMatchObject({
      status: 303,
      location: '/admin/login',
    })
    expect(await t.browser('/admin')).toMatchObject({ status: 303, location: '/admin/login' })
  })

  it('signs a global admin of the Omeka S flavour in and browses its items with thumbnails', async () => {
    const t = await site({ flavor: 's' })
    const signIn = await t.browser('/admin/login', {
      flavor: 's',
      key_identity: t.sKey!.identity,
      key_credential: t.sKey!.credential,
    })
    expect(signIn).toMatchObject({ status: 303, location: '/admin' })
    const items = await t.browser('/admin/browse/items')
    expect(items.status).toBe(200)
    expect(items.html).toContain('<h1>Browse items</h1>')
    expect(items.html).toMatch(/<p id="browse-total" role="status">3 records<\/p>/)
    expect(items.html).toMatch(/<img src="http:\/\/127\.0\.0\.1:8080\/files\/square\/[^"]+\.jpg"/)
    expect((await t.browser('/admin/browse/item_sets')).html).toContain('1 record')
    const none = await t.browser('/admin/browse/items?q=zzzzqqq')
    expect(none.html).toContain('0 records matching &quot;zzzzqqq&quot;')
  })
})

describe('admin page: --flavor both', () => {
  it('offers both APIs at sign-in and works on the one chosen (Omeka S under /s)', async () => {
    const t = await site({ flavor: 'both' })
    const form = await t.browser('/admin/login')
    expect(form.html).toContain('<legend>API</legend>')
    expect(
      await t.browser('/admin/login', {
        flavor: 's',
        key_identity: t.sKey!.identity,
        key_credential: t.sKey!.credential,
      }),
    ).toMatchObject({ status: 303 })
    const media = await t.browser('/admin/browse/media')
    expect(media.html).toContain('<h1>Browse media</h1>')
    expect(media.html).toMatch(/<img src="http:\/\/127\.0\.0\.1:8080\/s\/files\/square\//)
    expect((await t.browser('/admin/browse/collections')).status).toBe(404)
  })
})

describe('admin page: refusals', () => {
  it("refuses a wrong key with Omeka's message and a key of a non-super user, and sets no cookie", async () => {
    const t = await site()
    const bad = await t.browser('/admin/login', { key: '0'.repeat(40) })
    expect(bad.status).toBe(403)
    expect(bad.html).toContain('<p class="error" role="alert">Invalid key.</p>')
    expect(bad.setCookie).toBeNull()
    const adminId = insertUser(t.deps.db, { username: 'editor', email: 'e@example.org', role: 'admin', name: 'Editor' })
    insertKey(t.deps.db, adminId, 'f'.repeat(40), null)
    const admin = await t.browser('/admin/login', { key: 'f'.repeat(40) })
    expect(admin.status).toBe(403)
    expect(admin.html).toContain('only super users may import')
  })

  it("refuses an Omeka S key that is not a global admin's", async () => {
    const t = await site({ flavor: 's' })
    const r = await t.browser('/admin/login', { flavor: 's', key_identity: 'nope', key_credential: 'nope' })
    expect(r.status).toBe(403)
    expect(r.html).toContain('not a global administrator')
  })

  it("refuses a form without the session's CSRF token, or from another origin, and changes nothing", async () => {
    const t = await site()
    await t.browser('/admin/login', { key: t.key })
    const noToken = await t.browser('/admin/control/snapshots', { name: 'sneaky' })
    expect(noToken.status).toBe(403)
    expect(noToken.html).toContain('This form has expired')
    const page = await t.browser('/admin/control')
    const foreign = await t.browser(
      '/admin/control/snapshots',
      { name: 'sneaky', _csrf: t.csrfOf(page.html) },
      { Origin: 'https://evil.example' },
    )
    expect(foreign.status).toBe(403)
    expect((await t.browser('/admin/control')).html).not.toContain('sneaky')
    const ok = await t.browser('/admin/control/snapshots', { name: 'kept', _csrf: t.csrfOf(page.html) })
    expect(ok).toMatchObject({ status: 303, location: '/admin/control' })
    expect((await t.browser('/admin/control')).html).toContain('Snapshot &quot;kept&quot; saved.')
  })

  it("stays usable while a fault rule breaks every API path, and shows the API's error", async () => {
    const t = await site()
    await t.browser('/admin/login', { key: t.key })
    const put = await t.app.request(`${ORIGIN}/__admin/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify([{ path: '/*', effect: { type: 'status', status: 503, message: 'Down for the test' } }]),
    })
    expect(put.status).toBe(200)
    const home = await t.browser('/admin')
    expect(home.status).toBe(200)
    expect(home.html).toContain('<p class="error" role="alert">Down for the test</p>')
    expect((await t.app.request(`${ORIGIN}/__openapi/classic.json`)).status).toBe(200)
    const cleared = await t.browser('/admin/control/faults', { action: 'clear', _csrf: t.csrfOf(home.html) })
    expect(cleared).toMatchObject({ status: 303, location: '/admin/control' })
    expect((await t.browser('/admin')).html).not.toContain('role="alert"')
  })

  it('serves no control panel without --control', async () => {
    const t = await site({ control: false })
    await t.browser('/admin/login', { key: t.key })
    expect((await t.browser('/admin')).html).not.toContain('Control plane')
    expect((await t.browser('/admin/control')).status).toBe(404)
  })

  it('explains an origin that is not an Omeka API in the wizard, keeping the URL typed', async () => {
    const t = await site()
    await t.browser('/admin/login', { key: t.key })
    const form = await t.browser('/admin/imports/new')
    const r = await t.browser('/admin/imports/preflight', {
      endpoint: 'ftp://example.org',
      key: '',
      _csrf: t.csrfOf(form.html),
    })
    expect(r.status).toBe(400)
    expect(r.html).toContain('The origin URL must start with http:// or https://.')
    expect(r.html).toContain('value="ftp://example.org"')
  })
})
