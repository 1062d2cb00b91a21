import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import { SHARED } from '../../test/helpers.js'
import { memoryDeps } from './bootstrap.js'
import { loadFixture } from './fixtures/load.js'
import { jsonEncode } from './http/s-json.js'
import { parsePhpQuery } from '../core/http/php-query.js'
import { browseDefaults } from './browse.js'

const CASES = join(SHARED, 'conformance/s/cases')
const RECORDED_ORIGIN = 'http://127.0.0.1:8085'
const ORIGIN = 'http://omeka-s.test'

interface RecordedCase {
  quirk?: string
  setup?: unknown
  request: { method: string; url: string; headers: Record<string, string> }
  response: { status: number; headers: Record<string, string>; body: string }
}

// The read cases (101–384) all run on the baseline fixture and change nothing.
const readCases = readdirSync(CASES)
  .filter((f) => /^[1-3]\d\d-/.test(f))
  .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(CASES, f), 'utf8')) as RecordedCase] as const)
  .filter(([, c]) => !c.quirk)

describe('Omeka S flavour, recorded read cases (conformance/s, real Omeka S 4.2.0)', () => {
  let dir: string
  let app: ReturnType<typeof createApp>
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'omeka-twin-s-test-'))
    const s = memoryDeps(join(dir, 's'), { flavor: 's' })
    const deps = { config: s.config, s }
    loadFixture(deps.s, join(SHARED, 'conformance/s/fixture'))
    app = createApp(deps)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.each(readCases)('%s', async (_name, c) => {
    const res = await app.request(`${ORIGIN}${c.request.url}`, { method: c.request.method, headers: c.request.headers })
    expect(res.status).toBe(c.response.status)
    const expected = c.response.body.replaceAll('http:\\/\\/127.0.0.1:8085', 'http:\\/\\/omeka-s.test')
    if (c.response.headers['Content-Type'] === 'application/ld+json') expect(await res.text()).toBe(expected)
    for (const h of ['Link', 'Omeka-S-Total-Results', 'Omeka-S-Version'] as const)
      expect(res.headers.get(h) ?? undefined).toBe(c.response.headers[h]?.replaceAll(RECORDED_ORIGIN, ORIGIN))
  })
})

describe('Omeka S JSON encoding and browse defaults', () => {
  it('escapes like laminas-json (HEX_TAG|APOS|QUOT|AMP on top of PHP defaults)', () => {
    expect(jsonEncode({ t: 'Café <b>&</b> "q" \'a\' /' })).toBe(
      '{"t":"Caf\\u00e9 \\u003Cb\\u003E\\u0026\\u003C\\/b\\u003E \\u0022q\\u0022 \\u0027a\\u0027 \\/"}',
    )
  })
  it('keeps an escaped backslash before a quote apart from an escaped quote', () => {
    expect(jsonEncode(['\\"'])).toBe('["\\\\\\u0022"]')
  })
  it('adds sort_by_default only without sort_by, sort_order_default only without either', () => {
    const keys = (qs: string) => [...browseDefaults(parsePhpQuery(qs)).keys()].join(',')
    expect(keys('per_page=2')).toBe('per_page,sort_by_default,sort_order_default,sort_by,sort_order,page')
    expect(keys('sort_order=desc')).toBe('sort_order,sort_by_default,sort_by,page')
    expect(keys('sort_by=title')).toBe('sort_by,sort_order,page')
  })
})
