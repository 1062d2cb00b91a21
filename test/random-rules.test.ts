import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRandom, type Random } from '../src/core/synthetic/prng.js'
import { KEYS, testApp, type TestApp } from './helpers.js'

// Seeded random requests over combinations the classic-random corpus covers thinly (sort field × sort_dir ×
// role × filters on every index, advanced-search type pairs, paging edges), each checked against a rule read
// in Omeka Classic 3.2.1's source rather than against a recording:
// - Table_Item::_advancedSearch: a negated type LEFT JOINs the element's texts matching the positive
//   predicate and keeps items where none did, so a type and its negation split any selection in two;
// - Table_Item::applySearchFilters / Omeka_Db_Table::filterBy*: every record an index returns satisfies each
//   filter (and Omeka_Db_Select_PublicPermissions: anonymous callers see public records only);
// - Omeka_Db_Table::getSelectForFindBy: a column sort is followed by `id <dir>`; MySQL puts NULLs first
//   ascending; `sort_dir=d` is DESC, anything else ASC;
// - ApiController::indexAction: per_page counts when 0 < (int) per_page < api_per_page (50 here), else
//   api_per_page; a page below 1 reads page 1.
let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

type Rec = Record<string, unknown> & { id: number }
const ROLES = [null, KEYS.super, KEYS.contributor, KEYS.researcher] as const
const withKey = (url: string, key: string | null) => (key ? `${url}&key=${key}` : url)

async function total(url: string): Promise<number> {
  const res = await t.request(url)
  expect(res.status, url).toBe(200)
  return Number(res.headers.get('Omeka-Total-Results'))
}

/** Every record of an index, page by page in request order (per_page 4). */
async function walk(url: string): Promise<Rec[]> {
  const out: Rec[] = []
  for (let page = 1; page < 100; page++) {
    const res = await t.request(`${url}&per_page=4&page=${page}`)
    expect(res.status, url).toBe(200)
    const body = (await res.json()) as Rec[]
    out.push(...body)
    if (body.length < 4) break
  }
  expect(out.length, url).toBe(await total(url))
  return out
}

const PAIRS = [
  ['contains', 'does not contain'],
  ['is exactly', 'is not exactly'],
  ['is not empty', 'is empty'],
  ['matches', 'does not match'],
] as const
const TERMS = ['letter', 'LETTER', 'a_b', '50%', '<em>', '', 'Doe', 'Émile', 'Title']
const REGEXES = ['^1[89]', 'letter|photo', '(?i)HARBOR', '[[:digit:]]{4}', '^$', '.*', 'e']
const ELEMENTS = ['50', '39', '40', '41', '49', '1', '9999']

function baseFilters(r: Random): string[] {
  const out: string[] = []
  for (let n = r.int(0, 2); n > 0; n--)
    out.push(
      r.pick([
        'public=1',
        'featured=0',
        'collection=1',
        'collection=0',
        'item_type=1',
        'item_type=Text',
        'tags=history',
        'excludeTags=letters',
        'range=1-9',
        'added_since=2024-01-01',
        'search=letter',
        'hasImage=1',
      ]),
    )
  return out
}

describe('Classic rules on random requests', () => {
  it('splits any selection in two with an advanced-search type and its negation (Table_Item::_advancedSearch)', async () => {
    const r = createRandom(15001)
    for (let n = 0; n < 80; n++) {
      const [pos, neg] = r.pick(PAIRS)
      const terms = pos === 'matches' ? r.pick(REGEXES) : r.pick(TERMS)
      const row = (type: string) =>
        `advanced[0][element_id]=${r.pick(ELEMENTS)}&advanced[0][type]=${encodeURIComponent(type)}&advanced[0][terms]=${encodeURIComponent(terms)}`
      const element = row(pos).split('&')[0]!
      const rowOf = (type: string) =>
        `${element}&advanced[0][type]=${encodeURIComponent(type)}&advanced[0][terms]=${encodeURIComponent(terms)}`
      const base = withKey(`/api/items?${baseFilters(r).join('&')}`, r.pick(ROLES))
      const all = await total(base)
      const a = await total(`${base}&${rowOf(pos)}`)
      const b = await total(`${base}&${rowOf(neg)}`)
      expect(a + b, `${base} ${pos}/${neg} ${element} ${terms}`).toBe(all)
    }
  }, 120_000)

  it('returns only records that satisfy each filter, and only public ones to anonymous callers', async () => {
    const r = createRandom(15002)
    const checks: [string, (rec: Rec) => boolean][] = [
      ['public=1', (x) => x.public === true],
      ['public=0', (x) => x.public === false],
      ['featured=1', (x) => x.featured === true],
      ['collection=1', (x) => (x.collection as Rec | null)?.id === 1],
      ['collection=0', (x) => x.collection === null],
      ['item_type=1', (x) => (x.item_type as Rec | null)?.id === 1],
      ['owner=1', (x) => (x.owner as Rec | null)?.id === 1],
      ['range=3-9', (x) => x.id >= 3 && x.id <= 9],
      ['range=2,5,11-12', (x) => [2, 5, 11, 12].includes(x.id)],
      ['added_since=2024-01-01', (x) => String(x.added) > '2024-01-01T00:00:00+00:00'],
      ['tags=history', (x) => (x.tags as Rec[]).some((tag) => String(tag.name).toLowerCase() === 'history')],
      ['excludeTags=letters', (x) => !(x.tags as Rec[]).some((tag) => String(tag.name).toLowerCase() === 'letters')],
    ]
    for (let n = 0; n < 60; n++) {
      // One value per parameter (PHP keeps the last of repeated names).
      const picked = r
        .sample(checks, r.int(1, 3))
        .filter(([q], i, all) => all.findIndex(([o]) => o.split('=')[0] === q.split('=')[0]) === i)
      const key = r.pick(ROLES)
      const url = withKey(`/api/items?${picked.map(([q]) => q).join('&')}`, key)
      for (const rec of await walk(url)) {
        for (const [q, holds] of picked) expect(holds(rec), `${url}: item ${rec.id} fails ${q}`).toBe(true)
        if (key === null) expect(rec.public, `${url}: item ${rec.id}`).toBe(true)
      }
    }
  }, 120_000)

  // Sortable columns whose key can be read from the representation (numbers, booleans, dates, references).
  const ref = (name: string) => (x: Rec) => ((x[name] as Rec | null) ?? null)?.id ?? null
  const SORTS: Record<string, Record<string, (x: Rec) => unknown>> = {
    items: {
      id: (x) => x.id,
      added: (x) => x.added,
      modified: (x) => x.modified,
      featured: (x) => x.featured,
      public: (x) => x.public,
      collection_id: ref('collection'),
      item_type_id: ref('item_type'),
      owner_id: ref('owner'),
    },
    collections: { id: (x) => x.id, added: (x) => x.added, featured: (x) => x.featured, public: (x) => x.public },
    files: { id: (x) => x.id, size: (x) => x.size, added: (x) => x.added, item_id: ref('item'), order: (x) => x.order },
    elements: { id: (x) => x.id, order: (x) => x.order, element_set_id: ref('element_set') },
    item_types: { id: (x) => x.id },
  }
  const cmp = (a: unknown, b: unknown): number => {
    if (a === b) return 0
    if (a === null) return -1 // MySQL: NULL first ascending
    if (b === null) return 1
    return (a as number | string) < (b as number | string) ? -1 : 1
  }

  it('orders every column sort by its key in sort_dir, ties by id in the same direction', async () => {
    const r = createRandom(15003)
    for (let n = 0; n < 70; n++) {
      const resource = r.pick(Object.keys(SORTS))
      const [field, key] = r.pick(Object.entries(SORTS[resource]!))
      const dir = r.pick(['a', 'd', 'x', ''])
      const filters = resource === 'items' ? baseFilters(r).filter((f) => !f.startsWith('search')) : []
      const url = withKey(
        `/api/${resource}?${[...filters, `sort_field=${field}`, `sort_dir=${dir}`].join('&')}`,
        r.pick(ROLES),
      )
      const recs = await walk(url)
      const sign = dir === 'd' ? -1 : 1
      for (let i = 1; i < recs.length; i++) {
        const [p, q] = [recs[i - 1]!, recs[i]!]
        const order = cmp(key(p), key(q)) || cmp(p.id, q.id)
        expect(sign * order, `${url}: ${p.id} before ${q.id}`).toBeLessThan(0)
      }
    }
  }, 120_000)

  it('reads per_page and page as ApiController does, at every edge', async () => {
    const r = createRandom(15004)
    const resources = ['items', 'collections', 'files', 'tags', 'elements', 'element_sets', 'item_types']
    for (let n = 0; n < 80; n++) {
      const resource = r.pick(resources)
      const key = r.pick(ROLES)
      const all = await total(withKey(`/api/${resource}?`, key))
      const perRaw = r.pick(['0', '-3', 'abc', '5x', '', '1', '2', '3', '7', '49', '50', '100'])
      const n0 = /^\s*-?\d+/.test(perRaw) ? parseInt(perRaw, 10) : 0
      const per = n0 > 0 && n0 < 50 ? n0 : 50
      const last = Math.max(1, Math.ceil(all / per))
      const pageRaw = r.pick(['0', '-1', '', '1', '2', String(last), String(last + 1), '99999', '2abc'])
      const p = pageRaw === '' ? 1 : Math.max(1, parseInt(pageRaw, 10))
      const url = withKey(`/api/${resource}?per_page=${perRaw}&page=${pageRaw}`, key)
      const res = await t.request(url)
      expect(res.status, url).toBe(200)
      const body = (await res.json()) as Rec[]
      expect(body.length, url).toBe(Math.max(0, Math.min(per, all - (p - 1) * per)))
      expect(Number(res.headers.get('Omeka-Total-Results')), url).toBe(all)
    }
  }, 120_000)
})
