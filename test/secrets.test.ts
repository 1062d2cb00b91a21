import { mkdtempSync, rmSync, statSync } from 'node:fs'
import type * as crypto from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

// Every scrypt the server runs, counted (S credentials are verified with scrypt).
const scrypts = vi.hoisted(() => ({ count: 0 }))
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof crypto>()
  return {
    ...real,
    scryptSync: (...args: Parameters<typeof real.scryptSync>) => (scrypts.count++, real.scryptSync(...args)),
  }
})

const { openDataDir } = await import('../src/classic/bootstrap.js')
const { initialiseS, memoryDeps: memorySDeps, openDataDir: openSDataDir } = await import('../src/omeka-s/bootstrap.js')
const { createApi: sApp } = await import('../src/omeka-s/index.js')

describe('data dir permissions', () => {
  let dir: string
  beforeAll(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'omeka-twin-perm-')), 'data')
  })
  afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }))

  it('creates the data dir 0700 and both databases (and their WAL files) 0600', () => {
    const deps = openDataDir(dir, { control: false, maxUploadBytes: 1 })
    deps.db.$client.prepare("INSERT INTO options (name, value) VALUES ('perm_test', '1')").run()
    const s = openSDataDir(dir, deps.config, '')
    const mode = (p: string) => (statSync(join(dir, p)).mode & 0o777).toString(8)
    expect([mode('.'), mode('omeka-twin.sqlite'), mode('omeka-twin.sqlite-wal'), mode('omeka-s.sqlite')]).toEqual([
      '700',
      '600',
      '600',
      '600',
    ])
    deps.db.$client.close()
    s.db.$client.close()
  })
})

describe('Omeka S authentication', () => {
  const files = mkdtempSync(join(tmpdir(), 'omeka-twin-sauth-'))
  const deps = memorySDeps(files)
  let key: { identity: string; credential: string }
  beforeAll(async () => {
    key = (await initialiseS(deps, { empty: true }))!
  })
  afterAll(() => rmSync(files, { recursive: true, force: true }))

  const scryptsFor = async (query: string) => {
    const app = sApp(deps)
    scrypts.count = 0
    const res = await app.request(`http://omeka.test/api/items?${query}`)
    expect(res.status).toBe(200)
    return scrypts.count
  }

  it('verifies a global admin key once per request (the imports gate and the API shared one scrypt)', async () => {
    expect(await scryptsFor(`key_identity=${key.identity}&key_credential=${key.credential}`)).toBe(1)
  })

  it('does the same work for an unknown identity as for a known one with a wrong credential', async () => {
    expect(await scryptsFor(`key_identity=${key.identity}&key_credential=wrong`)).toBe(1)
    expect(await scryptsFor('key_identity=unknownidentity0000000000000000&key_credential=wrong')).toBe(1)
  })
})

describe('Omeka Classic API keys', () => {
  const files = mkdtempSync(join(tmpdir(), 'omeka-twin-ckeys-'))
  afterAll(() => rmSync(files, { recursive: true, force: true }))

  it('stores the keys it makes hashed, never in clear, and they authenticate', async () => {
    const { memoryDeps, addKey } = await import('../src/classic/bootstrap.js')
    const { seedSite } = await import('../src/classic/synthetic/seed.js')
    const { createApp } = await import('../src/app.js')
    const deps = memoryDeps(join(files, 'a'))
    const summary = await seedSite(deps, {
      items: 2,
      collections: 1,
      files: 0,
      private_ratio: 0,
      seed: 3,
      locations_ratio: 0,
      exhibits: 0,
    })
    const added = addKey(deps, 1)
    const stored = deps.db.$client.prepare('SELECT key FROM keys').pluck().all() as string[]
    const clear = [...summary.users.map((u: { key: string }) => u.key), added]
    for (const key of clear) expect(stored).not.toContain(key)
    expect(stored.every((k) => /^sha256:[0-9a-f]{64}$/.test(k))).toBe(true)
    const app = createApp(deps)
    for (const key of [summary.users[0]!.key, added])
      expect((await app.request(`http://omeka.test/api/users/1?key=${key}`)).status).toBe(200)
    expect((await app.request(`http://omeka.test/api/users/1?key=${stored[0]}`)).status).toBe(403)
  })

  it('still accepts a clear key that a fixture carries', async () => {
    const { memoryDeps } = await import('../src/classic/bootstrap.js')
    const { findActorByKey } = await import('../src/classic/api/users/users.repo.js')
    const deps = memoryDeps(join(files, 'b'))
    deps.db.$client
      .prepare(
        "INSERT INTO users (id, username, name, email, active, role) VALUES (7, 'fx', 'fx', 'fx@example.org', 1, 'super')",
      )
      .run()
    deps.db.$client
      .prepare("INSERT INTO keys (user_id, key) VALUES (7, '00112233445566778899aabbccddeeff00112233')")
      .run()
    expect(findActorByKey(deps.db, '00112233445566778899aabbccddeeff00112233')).toEqual({ id: 7, role: 'super' })
    expect(findActorByKey(deps.db, '00112233445566778899aabbccddeeff00112234')).toBeNull()
  })
})
