import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { memoryDeps } from '../src/classic/bootstrap.js'
import { loadFixture } from '../src/classic/fixtures/load.js'
import { memoryDeps as memorySDeps } from '../src/omeka-s/bootstrap.js'
import { loadFixture as loadSFixture } from '../src/omeka-s/fixtures/load.js'
import { PLACEHOLDER_ORIGIN } from '../src/core/http/fragments.js'

// Fixtures copied from the shared conformance suites (tests never read ../shared).
const FIXTURES = resolve(import.meta.dirname, 'fixtures/shared/conformance')
const SUPER = '5f1c0ffee5f1c0ffee5f1c0ffee5f1c0ffee0001'

const temps: string[] = []
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true })
})

function classic() {
  const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-frag-'))
  temps.push(dir)
  const deps = memoryDeps(join(dir, 'files'))
  loadFixture(deps, join(FIXTURES, 'classic/fixture'))
  const app = createApp(deps)
  return async (host: string, path: string, init?: RequestInit) => {
    const res = await app.request(`http://${host}${path}`, {
      ...init,
      headers: { Host: host, 'Content-Type': 'application/json' },
    })
    return { status: res.status, text: await res.text() }
  }
}

describe('record fragments, Classic items', () => {
  it('answers each Host with its own origin in every URL, the rest byte for byte as the first answer', async () => {
    const get = classic()
    const pretty = JSON.parse((await get('a.test', '/api/items?pretty_print=1')).text) as unknown
    const first = (await get('a.test', '/api/items')).text
    const second = (await get('b.example:8080', '/api/items')).text
    // pretty_print answers are made in full, without fragments: the same records.
    expect(JSON.parse(first)).toEqual(pretty)
    expect(first).toContain('"url":"http:\\/\\/a.test\\/api\\/items\\/1"')
    expect(second).toBe(first.replaceAll('http:\\/\\/a.test', 'http:\\/\\/b.example:8080'))
    expect(second).not.toContain('omeka-twin-')
    expect(PLACEHOLDER_ORIGIN).not.toBe('http://a.test')
  })

  it('shows a write on the next page, and keeps callers apart', async () => {
    const get = classic()
    const anonymous = JSON.parse((await get('a.test', '/api/items')).text) as { id: number }[]
    const superPage = JSON.parse((await get('a.test', `/api/items?key=${SUPER}`)).text) as { id: number }[]
    expect(superPage.length).toBeGreaterThan(anonymous.length)
    const put = await get('a.test', `/api/items/1?key=${SUPER}`, {
      method: 'PUT',
      body: JSON.stringify({ element_texts: [{ element: { id: 50 }, text: 'Retitled', html: false }] }),
    })
    expect(put.status).toBe(200)
    const after = (await get('c.test', '/api/items')).text
    expect(after).toContain('"text":"Retitled"')
    expect(after).not.toContain('Letter from Jane Doe')
  })
})

describe('record fragments, Omeka S items', () => {
  it('answers each Host with its own origin, and a write on the next page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-frag-s-'))
    temps.push(dir)
    const s = memorySDeps(join(dir, 'files-s'), { flavor: 's' })
    const deps = { config: s.config, s }
    loadSFixture(deps.s, join(FIXTURES, 's/fixture'))
    const app = createApp(deps)
    const key = (
      JSON.parse(readFileSync(join(FIXTURES, 's/fixture/keys.json'), 'utf8')) as {
        key_identity: string
        key_credential: string
      }[]
    )[0]!
    const auth = `key_identity=${key.key_identity}&key_credential=${key.key_credential}`
    const get = async (host: string, path: string, init?: RequestInit) =>
      (
        await app.request(`http://${host}${path}`, {
          ...init,
          headers: { Host: host, 'Content-Type': 'application/json' },
        })
      ).text()
    const pretty = JSON.parse(await get('a.test', '/api/items?pretty_print=1')) as unknown
    const first = await get('a.test', '/api/items')
    expect(JSON.parse(first)).toEqual(pretty)
    expect(first).toContain('"@id":"http:\\/\\/a.test\\/api\\/items\\/')
    expect(await get('b.test', '/api/items')).toBe(first.replaceAll('http:\\/\\/a.test', 'http:\\/\\/b.test'))
    const items = JSON.parse(first) as { 'o:id': number }[]
    const patch = await app.request(`http://a.test/api/items/${items[0]!['o:id']}?${auth}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ 'dcterms:title': [{ type: 'literal', property_id: 1, '@value': 'Retitled <S>' }] }),
    })
    expect(patch.status).toBe(200)
    expect(await get('c.test', '/api/items')).toContain('"o:title":"Retitled \\u003CS\\u003E"')
  })
})
