import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { jsonBody, KEYS } from './helpers.js'
import { startOrigin, startTarget, type Origin, type Target } from './import-harness.js'
import { PLUGINS_FIXTURE, PLUGINS_SUPER_KEY } from './plugins.js'
import { addKey, SEED_DIR } from '../src/classic/bootstrap.js'
import { changeList } from '../src/core/import/changes.js'
import { runStore } from '../src/classic/importer/runs.repo.js'
import { S_ADMIN, S_FIXTURE, startSSite, useSites } from './import-s-harness.js'
import { initialiseS, memoryDeps as memorySDeps } from '../src/omeka-s/bootstrap.js'
import { ImportJobs as SImportJobs } from '../src/omeka-s/importer/jobs.js'
import { createApi as sApp } from '../src/omeka-s/index.js'

// Mirror means identical (issue 14): into an empty data dir (seed/install: its own super user "admin",
// id 1, and the key the operator was shown), the origin's users keep their ids, the site information and
// the plugins' state come across, and the operator's key keeps working.

let origin: Origin
let target: Target
afterEach(async () => {
  target?.close()
  await origin?.close()
})

/** The origin's super user key (the main fixture's, or the plugins fixture's). */
let originKey = PLUGINS_SUPER_KEY
const originGet = async (path: string) =>
  (await fetch(`${origin.endpoint}/${path}${path.includes('?') ? '&' : '?'}key=${originKey}`)).json() as Promise<any>

/** An empty data dir as the CLI makes one: the installed schema, user "admin" (id 1) and a fresh key. */
function emptyTarget(): { target: Target; key: string } {
  const t = startTarget(join(SEED_DIR, 'install'))
  return { target: t, key: addKey(t.deps, 1, 'created at first start') }
}

async function mirror(t: Target, key: string, body: Record<string, unknown> = {}) {
  const r = await t.json(
    `/api/imports?key=${key}`,
    jsonBody('POST', { endpoint: origin.endpoint, key: originKey, mode: 'mirror', ...body }),
  )
  expect(r.status).toBe(201)
  return (await t.json(`/api/imports/${r.body.id}?key=${key}`)).body
}

describe('mirror into an empty data dir (Classic → Classic)', () => {
  it("reproduces the origin's users with their ids and the site information; the operator's key keeps working", async () => {
    origin = await startOrigin()
    originKey = KEYS.super
    const empty = emptyTarget()
    target = empty.target
    const run = await mirror(target, empty.key)
    expect(run.status).toBe('completed')

    // Users: every origin user the API shows (Classic has no users index: read by id) has its id and name here.
    const users: any[] = []
    for (let id = 1; id <= 20; id++) {
      const u = await originGet(`users/${id}`)
      if (u.id) users.push(u)
    }
    expect(users.length).toBeGreaterThan(1)
    for (const u of users) {
      const here = (await target.json(`/api/users/${u.id}?key=${empty.key}`)).body
      expect([here.id, here.username, here.name], `user ${u.id}`).toEqual([u.id, u.username, u.name])
    }
    // Owner references are the origin's ids.
    const owners = (rows: any[]) => rows.map((r) => [r.id, r.owner?.id ?? null])
    expect(owners((await target.json(`/api/items?per_page=50&key=${empty.key}`)).body)).toEqual(
      owners(await originGet('items?per_page=50')),
    )
    expect(owners((await target.json(`/api/collections?per_page=50&key=${empty.key}`)).body)).toEqual(
      owners(await originGet('collections?per_page=50')),
    )
    // The operator's own admin moved aside with its key: the key still works and still belongs to "admin".
    const admin = target.deps.db.$client
      .prepare("SELECT id, username, role FROM users WHERE username = 'admin'")
      .get() as { id: number; username: string; role: string }
    expect(admin.role).toBe('super')
    expect(users.map((u) => u.id)).not.toContain(admin.id)
    // Each move is logged; it moves past the users read with it (so at most once per page of owners).
    const moves = (await target.json(`/api/import_records?import=${run.id}&resource=users&key=${empty.key}`)).body
      .map((r: any) => r.message)
      .filter((m: string | null) => m?.includes('moved'))
    expect(moves.length).toBeGreaterThan(0)
    expect(moves.length).toBeLessThan(users.length)
    expect(moves[0]).toMatch(/^The local user "admin" moved from id 1 to \d+ \(its API keys with it\)/)
    expect(moves.at(-1)).toMatch(new RegExp(`moved from id \\d+ to ${admin.id} \\(its API keys with it\\)`))
    const keys = target.deps.db.$client.prepare('SELECT user_id AS u FROM keys').all() as { u: number }[]
    expect(keys.map((k) => k.u)).toEqual([admin.id])
    // The key still authenticates as a super user: private items are listed with it.
    const all = await target.json(`/api/items?per_page=50&key=${empty.key}`)
    const anonymous = await target.json('/api/items?per_page=50')
    expect(all.body.length).toBeGreaterThan(anonymous.body.length)
    // Site information: title, description, author, copyright.
    const site = (s: any) => [s.title, s.description, s.author, s.copyright]
    expect(site((await target.json('/api/site')).body)).toEqual(site(await originGet('site')))

    // A second mirror changes nothing: no user moves again, the site information is unchanged.
    const again = await mirror(target, empty.key, { full: true })
    const list = changeList(runStore(target.deps.db), again.id)
    expect(list.filter((c) => c.action !== 'unchanged')).toEqual([])
    expect(list.find((c) => c.resource === 'site')?.action).toBe('unchanged')
  })

  it("enables the plugins the origin has, its exhibits keeping their owners' ids", async () => {
    origin = await startOrigin(undefined, PLUGINS_FIXTURE)
    originKey = PLUGINS_SUPER_KEY
    const empty = emptyTarget()
    target = empty.target
    expect([...target.deps.plugins.active]).toEqual([])
    expect((await mirror(target, empty.key)).status).toBe('completed')
    expect([...target.deps.plugins.active].sort()).toEqual(['exhibit-builder', 'geolocation'])
    const owners = (rows: any[]) => rows.map((r) => [r.id, r.owner?.id ?? null])
    expect(owners((await target.json(`/api/exhibits?key=${empty.key}`)).body)).toEqual(
      owners(await originGet('exhibits')),
    )
    const user = (await target.json(`/api/users/1?key=${empty.key}`)).body
    expect([user.username, user.name]).toEqual(['superadmin', (await originGet('users/1')).name])
  })

  it('a dry run names the site fields it would change; undo puts the site information and the plugins back', async () => {
    origin = await startOrigin(undefined, PLUGINS_FIXTURE)
    originKey = PLUGINS_SUPER_KEY
    const empty = emptyTarget()
    target = empty.target
    const before = (await target.json('/api/site')).body
    const dry = await mirror(target, empty.key, { dry_run: true })
    const site = changeList(runStore(target.deps.db), dry.id).find((c) => c.resource === 'site')
    expect(site).toMatchObject({ action: 'update', changes: ['title', 'description', 'author', 'copyright'] })
    expect((await target.json('/api/site')).body).toEqual(before)

    const run = await mirror(target, empty.key)
    expect((await target.json('/api/site')).body.title).toBe((await originGet('site')).title)
    expect((await target.json(`/api/imports/${run.id}?key=${empty.key}`, { method: 'DELETE' })).status).toBe(202)
    await target.jobs.idle()
    expect((await target.json('/api/site')).body).toEqual(before)
    expect([...target.deps.plugins.active]).toEqual([])
  })

  it('keeps a local user that owns records here in place and says so (the origin user gets a new id)', async () => {
    origin = await startOrigin(undefined, PLUGINS_FIXTURE)
    originKey = PLUGINS_SUPER_KEY
    const empty = emptyTarget()
    target = empty.target
    const made = await target.json(
      `/api/items?key=${empty.key}`,
      jsonBody('POST', { public: true, element_texts: [], tags: [] }),
    )
    expect(made.status).toBe(201)
    const run = await mirror(target, empty.key)
    expect(run.status).toBe('completed')
    const rows = (await target.json(`/api/import_records?import=${run.id}&resource=users&key=${empty.key}`)).body
    expect(rows.find((r: any) => r.remote_id === 1).message).toMatch(
      /Id 1 is taken here by the local user "admin", who owns records here/,
    )
    expect((await target.json(`/api/users/1?key=${empty.key}`)).body.username).toBe('admin')
  })
})

describe('mirror into an empty data dir (S → S)', () => {
  const { track } = useSites()

  it("reproduces the origin's users with their ids (the operator's admin moved aside with its key) and owner references", async () => {
    const origin = track(await startSSite(S_FIXTURE))
    const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-s-empty-'))
    const deps = memorySDeps(join(dir, 'files'))
    try {
      const key = (await initialiseS(deps, { empty: true }))!
      // The operator's own admin, whose e-mail is not the origin's: it holds id 1.
      deps.db.$client.prepare("UPDATE user SET email = 'operator@example.org' WHERE id = 1").run()
      const jobs = new SImportJobs(deps, { inline: true, client: { baseDelayMs: 5, maxDelayMs: 50 } })
      const app = sApp(deps, jobs)
      const auth = `key_identity=${key.identity}&key_credential=${key.credential}`
      const get = async (path: string) =>
        (await app.request(`http://omeka.test${path}${path.includes('?') ? '&' : '?'}${auth}`)).json() as Promise<any>
      const res = await app.request(`http://omeka.test/api/imports?${auth}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          endpoint: `${origin.base}/api`,
          key_identity: S_ADMIN.identity,
          key_credential: S_ADMIN.credential,
          mode: 'mirror',
        }),
      })
      const run = await res.json()
      expect(run.status).toBe('completed')
      const who = (rows: any[]) => rows.map((u) => [u['o:id'], u['o:name'], u['o:email'], u['o:role']])
      const want = who(await origin.get('/api/users?per_page=100'))
      const got = who(await get('/api/users?per_page=100'))
      // Every origin user with its id, plus the operator's admin under a new id (its key answered this request).
      expect(got.filter((u) => u[2] !== 'operator@example.org')).toEqual(want)
      const operator = got.find((u) => u[2] === 'operator@example.org')!
      expect(want.map((u) => u[0])).not.toContain(operator[0])
      const owners = (rows: any[]) => rows.map((r) => [r['o:id'], r['o:owner']?.['o:id'] ?? null])
      expect(owners(await get('/api/items?per_page=100'))).toEqual(owners(await origin.get('/api/items?per_page=100')))
    } finally {
      deps.db.$client.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the tags index (Classic, plugins fixture)', () => {
  it('a keyless import stores every tag the origin lists, those only private records carry included', async () => {
    origin = await startOrigin(undefined, PLUGINS_FIXTURE)
    originKey = PLUGINS_SUPER_KEY
    target = startTarget()
    const names = (rows: { name: string }[]) => rows.map((t) => t.name).sort()
    const listed = names(await (await fetch(`${origin.endpoint}/tags?per_page=50`)).json())
    const withKey = names(await originGet('tags?per_page=50'))
    const r = await target.json(`/api/imports?key=${KEYS.super}`, jsonBody('POST', { endpoint: origin.endpoint }))
    expect(r.status).toBe(201)
    expect((await target.json(`/api/imports/${r.body.id}?key=${KEYS.super}`)).body.status).toBe('completed')
    const stored = names(target.deps.db.$client.prepare('SELECT name FROM tags').all() as { name: string }[])
    for (const name of listed) expect(stored).toContain(name)
    // What the origin lists to anonymous callers; the super user's view counts the same tags (the index is not filtered by visibility).
    expect(listed.length).toBe(withKey.length)
    expect(listed.length).toBeGreaterThan(0)
  })
})
