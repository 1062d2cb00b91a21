import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { memoryDeps as memorySDeps } from '../src/omeka-s/bootstrap.js'
import { loadFixture as loadSFixture } from '../src/omeka-s/fixtures/load.js'
import { S_FIXTURE } from './s-recorded.js'

// A self-check without an oracle: seeded random reads of the S API, every answer checked for what must
// hold whatever Omeka would say — no 5xx, totals that agree with the page sizes and the Link header.

/** mulberry32: a small seeded PRNG, so a failure replays exactly. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const keys = JSON.parse(readFileSync(join(S_FIXTURE, 'keys.json'), 'utf8')) as {
  key_identity: string
  key_credential: string
}[]
const RESOURCES = [
  'items',
  'items',
  'items',
  'media',
  'item_sets',
  'resources',
  'properties',
  'resource_classes',
  'vocabularies',
  'resource_templates',
  'users',
  'sites',
  'site_pages',
  'assets',
]
const PARAMS: [string, string[]][] = [
  [
    'sort_by',
    [
      'id',
      'title',
      'created',
      'modified',
      'is_public',
      'dcterms:title',
      'dcterms:date',
      'resource_class_label',
      'owner_name',
      'label',
      'email',
      'name',
      'item_count',
      'local_name',
      'foo',
      'bogus:term',
    ],
  ],
  ['sort_order', ['asc', 'desc', 'DESC', 'sideways']],
  ['per_page', ['1', '2', '3', '7', '0', '-3', 'x', '1.5', '']],
  ['page', ['1', '2', '3', '0', '-1', '9999']],
  ['fulltext_search', ['letter', 'harbour chapel', '"Letter to"', 'the', 'ab', 'Café', '']],
  ['search', ['letter', 'Ü', '%', '_']],
  ['property[0][property]', ['1', 'dcterms:title', 'foo:bar', '', '999']],
  ['property[0][type]', ['eq', 'neq', 'in', 'nin', 'ex', 'nex', 'sw', 'ew', 'res', 'dt', 'zz']],
  ['property[0][text]', ['Letter', 'a', '%', '1', '']],
  ['property[0][joiner]', ['and', 'or', 'AND']],
  ['id', ['1', '1,2,3', '', 'abc', '2,x']],
  ['id[]', ['1', '5', '']],
  ['resource_class_id', ['', '0', '31', 'x']],
  ['resource_template_id', ['', '0', '1']],
  ['resource_class_label', ['text', 'Text', '']],
  ['is_public', ['0', '1', '', 'true']],
  ['owner_id', ['1', '2', '0', 'x']],
  ['created_before', ['2026', '2025-02', '2030-01-01T00:00:00Z', '2025-02-16T10:16:00+0100', 'yesterday', '']],
  ['modified_after', ['2020', '2025-02-16T10', '']],
  ['item_set_id', ['1', '2', '3', '99', '']],
  ['site_id', ['1', '2', '']],
  ['item_id', ['1', '6', '']],
  ['used', ['0', '1']],
  ['vocabulary_prefix', ['dcterms', 'bibo']],
  ['limit', ['2', '5']],
  ['offset', ['1', '3']],
]

describe('S self-check: seeded random reads', () => {
  let dir: string
  let app: ReturnType<typeof createApp>
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'omeka-twin-s-selfcheck-'))
    const s = memorySDeps(join(dir, 's'), { flavor: 's' })
    const deps = { config: s.config, s }
    loadSFixture(deps.s, S_FIXTURE)
    app = createApp(deps)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('never answers 5xx, and totals agree with page sizes and Link (seed 20261204, 400 requests)', async () => {
    const rnd = prng(20261204)
    const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!
    for (let n = 0; n < 400; n++) {
      const resource = pick(RESOURCES)
      const params = new URLSearchParams()
      for (const [name, values] of PARAMS) if (rnd() < 0.15) params.append(name, pick(values))
      if (rnd() < 0.7) {
        const k = pick(keys)
        params.append('key_identity', k.key_identity)
        params.append('key_credential', k.key_credential)
      }
      const url = `/api/${resource}?${params.toString()}`
      const res = await app.request(`http://omeka.test${url}`)
      const what = `request ${n}: ${url}`
      expect(res.status, what).toBeLessThan(500)
      if (res.status !== 200) continue
      const body = (await res.json()) as unknown[]
      const total = Number(res.headers.get('Omeka-S-Total-Results'))
      expect(Array.isArray(body) && Number.isInteger(total) && total >= 0, what).toBe(true)
      const link = res.headers.get('Link') ?? ''
      expect(link, what).toContain('rel="first"')
      // Paging as Omeka's: a numeric page (default 1) pages by per_page (default 25, below 1 is 1),
      // else limit/offset apply, or nothing.
      const page = params.get('page') ?? '1'
      if (/^-?\d+$/.test(page)) {
        const raw = params.get('per_page')
        const per =
          raw !== null && /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(raw) ? Math.max(1, Math.trunc(Number(raw))) : 25
        const p = Math.max(1, Number(page))
        expect(body.length, what).toBe(Math.max(0, Math.min(per, total - (p - 1) * per)))
        const linkPer = raw === null ? 25 : Math.max(1, parseInt(raw, 10) || 0)
        const last = Math.ceil(total / linkPer)
        const lastLink = /<([^>]+)>; rel="last"/.exec(link)?.[1]
        if (last >= 1) expect(lastLink && new URL(lastLink).searchParams.get('page'), what).toBe(String(last))
        else expect(lastLink, what).toBeUndefined()
        expect(link.includes('rel="next"'), what).toBe(p + 1 <= last)
      } else expect(body.length, what).toBeLessThanOrEqual(total)
    }
  }, 180_000)

  // AbstractResourceEntityAdapter::buildPropertyQuery (Omeka S 4.2): a negated type (neq nin nex nsw new nres
  // ndt) LEFT JOINs the values matching the positive predicate and keeps resources where none did, so a type
  // and its negation split any selection in two, whatever the property, text, joiner or caller; a row
  // without text (other than ex/nex) or with an unknown type is skipped, so it selects everything.
  it('splits any selection in two with a property query type and its negation (seed 15005, 150 draws)', async () => {
    const rnd = prng(15005)
    const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!
    const pairs = [
      ['eq', 'neq'],
      ['in', 'nin'],
      ['ex', 'nex'],
      ['sw', 'nsw'],
      ['ew', 'new'],
      ['res', 'nres'],
      ['dt', 'ndt'],
    ] as const
    const texts: Record<string, string[]> = {
      res: ['1', '2', '6', '999'],
      dt: ['literal', 'uri', 'resource:item', 'numeric:timestamp'],
    }
    const total = async (url: string) => {
      const res = await app.request(`http://omeka.test${url}`)
      expect(res.status, url).toBe(200)
      return Number(res.headers.get('Omeka-S-Total-Results'))
    }
    for (let n = 0; n < 150; n++) {
      const resource = pick(['items', 'items', 'media', 'item_sets'])
      const base = new URLSearchParams()
      // An earlier row ANDed or ORed with the pair's row would spoil the split; rows before it are ANDed.
      if (rnd() < 0.4) {
        base.append('property[0][property]', pick(['dcterms:title', '1', 'dcterms:creator']))
        base.append('property[0][type]', pick(['ex', 'sw', 'nex']))
        base.append('property[0][text]', pick(['L', 'a', 'T']))
      }
      if (rnd() < 0.3) base.append('is_public', pick(['0', '1']))
      if (rnd() < 0.7) {
        const k = pick(keys)
        base.append('key_identity', k.key_identity)
        base.append('key_credential', k.key_credential)
      }
      const [pos, neg] = pick(pairs)
      const property = pick(['dcterms:title', '1', 'dcterms:creator', 'dcterms:date', '', 'foo:bar', '999'])
      const text = pick(texts[pos] ?? ['Letter', 'letter', 'a', '%', '_', 'Doe', 'Café', '1'])
      const row = (type: string) => {
        const q = new URLSearchParams(base)
        if (q.has('property[0][type]')) q.append('property[1][joiner]', 'and')
        const i = q.has('property[0][type]') ? 1 : 0
        q.append(`property[${i}][property]`, property)
        q.append(`property[${i}][type]`, type)
        if (!['ex', 'nex'].includes(type)) q.append(`property[${i}][text]`, text)
        return `/api/${resource}?${q.toString()}`
      }
      const all = await total(`/api/${resource}?${base.toString()}`)
      const what = `${row(pos)} / ${neg}`
      expect((await total(row(pos))) + (await total(row(neg))), what).toBe(all)
    }
  }, 180_000)
})
