import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import { initialise, openDataDir } from '../classic/bootstrap.js'
import { keyAdd, keyList, keyRevoke, userAdd } from './users.js'
import { hashApiKey } from '../classic/api/users/users.repo.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
let data: string
beforeEach(() => {
  data = mkdtempSync(join(tmpdir(), 'omeka-twin-cli-'))
  const deps = openDataDir(data, { control: false, maxUploadBytes: 1000 })
  initialise(deps, { empty: true })
  deps.db.$client.close()
})
afterEach(() => rmSync(data, { recursive: true, force: true }))

/** GET /api/users/ID with a key, against the same data dir, as a client would. */
async function getUser(id: number, key: string) {
  const deps = openDataDir(data, { control: false, maxUploadBytes: 1000 })
  try {
    const res = await createApp(deps).request(`http://omeka.test/api/users/${id}?key=${key}`)
    return { status: res.status, body: await res.json() }
  } finally {
    deps.db.$client.close()
  }
}

describe('user add and key add', () => {
  it('creates a user whose new key authenticates against the API', async () => {
    const id = userAdd({ username: 'jo', email: 'jo@example.org', role: 'contributor', name: 'Jo Q', data })
    expect(id).toBe(2)
    const key = keyAdd({ user: 'jo', data })
    expect(key).toMatch(/^[0-9a-f]{40}$/)
    expect(await getUser(id, key)).toEqual({
      status: 200,
      body: {
        id: 2,
        url: 'http://omeka.test/api/users/2',
        username: 'jo',
        name: 'Jo Q',
        active: true,
        email: 'jo@example.org',
        role: 'contributor',
        extended_resources: [],
      },
    })
  })

  it('defaults the display name to the username and accepts a user id for key add', () => {
    const id = userAdd({ username: 'res', email: 'r@example.org', role: 'researcher', data })
    const key = keyAdd({ user: String(id), data })
    expect(keyList({ data }).at(-1)).toBe(`${hashApiKey(key)}\t${id}\tres\tresearcher`)
  })

  it('hands out a different key each time', () => {
    expect(keyAdd({ user: '1', data })).not.toBe(keyAdd({ user: '1', data }))
  })
})

describe('key list and key revoke', () => {
  it('lists every key and revokes one so that it no longer authenticates', async () => {
    const key = keyAdd({ user: '1', data })
    expect(keyList({ data })).toHaveLength(2)
    expect((await getUser(1, key)).status).toBe(200)
    keyRevoke(key, { data })
    expect(keyList({ data }).some((l) => l.startsWith(key))).toBe(false)
    expect(await getUser(1, key)).toEqual({ status: 403, body: { message: 'Invalid key.' } })
  })
})

describe('errors', () => {
  it('refuses invalid flags with a one-line reason naming the flag', () => {
    expect(() => userAdd({ username: 'bad name', email: 'a@b.org', role: 'admin', data })).toThrow(
      'invalid --username: may contain only letters, digits and . _ @ -',
    )
    expect(() => userAdd({ username: 'x'.repeat(31), email: 'a@b.org', role: 'admin', data })).toThrow(
      'invalid --username: must be 30 characters or fewer',
    )
    expect(() => userAdd({ username: 'ok', email: 'not-an-email', role: 'admin', data })).toThrow('invalid --email')
    expect(() => userAdd({ username: 'ok', email: 'a@b.org', role: 'boss', data })).toThrow(
      'invalid --role: must be one of super, admin, contributor, researcher',
    )
    expect(() => keyRevoke('xyz', { data })).toThrow('invalid KEY: must be a 40-character hex key')
  })

  it('refuses duplicate usernames and emails and unknown users or keys', () => {
    userAdd({ username: 'jo', email: 'jo@example.org', role: 'admin', data })
    expect(() => userAdd({ username: 'jo', email: 'other@example.org', role: 'admin', data })).toThrow(
      'a user with that username already exists',
    )
    expect(() => userAdd({ username: 'jo2', email: 'JO@example.org', role: 'admin', data })).toThrow(
      'a user with that email already exists',
    )
    expect(() => keyAdd({ user: 'nobody', data })).toThrow('no user "nobody"')
    expect(() => keyRevoke('a'.repeat(40), { data })).toThrow('no such key')
  })

  it('refuses a data dir that was never initialised, without creating anything there', () => {
    const empty = mkdtempSync(join(tmpdir(), 'omeka-twin-cli-empty-'))
    try {
      expect(() => keyList({ data: empty })).toThrow(/^no omeka-twin data in /)
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})

describe('the omeka-twin binary', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' })

  it('prints the new user id on stdout and exits 0', () => {
    const r = run('user', 'add', '--username', 'cli', '--email', 'cli@example.org', '--role', 'admin', '--data', data)
    expect([r.status, r.stdout]).toEqual([0, '2\n'])
  })

  it('exits non-zero with one line on stderr for a bad role', () => {
    const r = run('user', 'add', '--username', 'cli', '--email', 'cli@example.org', '--role', 'boss', '--data', data)
    expect(r.status).not.toBe(0)
    expect(r.stdout).toBe('')
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('omeka-twin:')),
    ).toEqual(['omeka-twin: invalid --role: must be one of super, admin, contributor, researcher'])
  })
})
