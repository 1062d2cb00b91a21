import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRandom, type Random } from '../src/core/synthetic/prng.js'
import { KEYS, testApp, type TestApp } from './helpers.js'

// A self-check without an oracle: requests drawn from a fixed seed over the parameter space of the
// classic-random corpus (filters, sorts, paging, roles), each checked for what must always hold: no 5xx,
// valid JSON, and an index whose Omeka-Total-Results the Link headers walk to exactly, record by record.
let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

const SORTS: Record<string, string[]> = {
  items: [
    'id',
    'added',
    'modified',
    'featured',
    'public',
    'owner_id',
    'collection_id',
    'item_type_id',
    'Dublin Core,Title',
    'Dublin Core,Date',
    'Item Type Metadata,Text',
    'foo',
  ],
  collections: ['id', 'added', 'featured', 'public', 'Dublin Core,Title', 'foo'],
  files: ['id', 'size', 'mime_type', 'added', 'item_id', 'original_filename', 'order', 'foo'],
  tags: ['name', 'count', 'id', 'foo'],
  elements: ['id', 'name', 'order', 'element_set_id', 'foo'],
  element_sets: ['id', 'name', 'record_type', 'foo'],
  item_types: ['id', 'name', 'description', 'foo'],
}
const TERMS = ['letter', 'LETTER', 'Ünïcødé', 'unicode', 'a_b', '50%', '<em>', 'harbor at', '', 'nowhere', ' Doe']
const TYPES = [
  'contains',
  'does not contain',
  'is exactly',
  'is not exactly',
  'is empty',
  'is not empty',
  'starts with',
  'ends with',
  'matches',
  'does not match',
]
const REGEXES = ['^1[89]', 'letter|photo', '(?i)HARBOR', '[[:digit:]]{4}', '^$', '.*']
const DATES = [
  '2024-01-01',
  '2023-01-05T10:00:00+00:00',
  '2023-01-05T05:00:00-05:00',
  '20230105T100000',
  '2023-01-05T10:00',
  'yesterday',
]

function itemFilters(r: Random): string[] {
  const out: string[] = []
  for (let n = r.int(0, 4); n > 0; n--) {
    switch (r.int(0, 8)) {
      case 0: {
        const rows = Array.from({ length: r.int(1, 3) }, (_, i) => {
          const type = r.pick(TYPES)
          const terms = type.includes('match') ? r.pick(REGEXES) : r.pick(TERMS)
          const joiner = i > 0 ? `&advanced[${i}][joiner]=${r.pick(['and', 'or', 'AND', 'xor'])}` : ''
          return `advanced[${i}][element_id]=${r.pick(['50', '39', '40', '41', '1', '9999', 'abc', ''])}&advanced[${i}][type]=${encodeURIComponent(type)}&advanced[${i}][terms]=${encodeURIComponent(terms)}${joiner}`
        })
        out.push(rows.join('&'))
        break
      }
      case 1:
        out.push(`search=${encodeURIComponent(r.pick(TERMS))}`)
        break
      case 2:
        out.push(
          `tags=${encodeURIComponent(r.pick(['history', 'letters,history', 'HISTORY', 'photo,,harbor', ' letters ']))}`,
        )
        break
      case 3:
        out.push(`excludeTags=${encodeURIComponent(r.pick(['letters', 'photo,harbor', ' photo']))}`)
        break
      case 4:
        out.push(`collection=${r.pick(['1', '2', '0', 'abc'])}`)
        break
      case 5:
        out.push(`item_type=${r.pick(['1', '6', 'Text', 'nope', '0'])}`)
        break
      case 6:
        out.push(`${r.pick(['public', 'featured', 'hasImage'])}=${r.pick(['1', '0', 'true', 'yes', ''])}`)
        break
      case 7:
        out.push(`range=${encodeURIComponent(r.pick(['1-5', '10-2', '3,7,9-12', 'abc', '5-']))}`)
        break
      default:
        out.push(`${r.pick(['added_since', 'modified_since'])}=${encodeURIComponent(r.pick(DATES))}`)
    }
  }
  return out
}

function drawRequest(r: Random): string {
  const resource = r.pick(Object.keys(SORTS))
  const params = resource === 'items' ? itemFilters(r) : []
  if (r.chance(0.5))
    params.push(
      `sort_field=${encodeURIComponent(r.pick(SORTS[resource]!))}`,
      `sort_dir=${r.pick(['a', 'd', 'D', ' d', 'x'])}`,
    )
  params.push(`per_page=${r.int(1, 6)}`)
  const key = r.pick([null, KEYS.super, KEYS.contributor])
  if (key) params.push(`key=${key}`)
  return `/api/${resource}?${params.join('&')}`
}

/** The rel="next" page; Omeka's links leave the key out, so a client adds its own again. */
function nextLink(link: string | null, first: string): string | undefined {
  const m = /<([^>]+)>; rel="next"/.exec(link ?? '')
  if (!m) return undefined
  const next = new URL(m[1]!)
  const key = new URL(first, 'http://x').searchParams.get('key')
  return next.pathname + next.search + (key ? `&key=${key}` : '')
}

describe('random requests over the corpus parameter space', () => {
  it('never fail, and their Link headers walk to exactly Omeka-Total-Results records', async () => {
    const r = createRandom(20261204)
    let walked = 0
    for (let n = 0; n < 120; n++) {
      const first = drawRequest(r)
      let url: string | undefined = first
      const seen = new Set<number>()
      let total = -1
      for (let pages = 0; url && pages < 40; pages++) {
        const res = await t.request(url)
        const text = await res.text()
        expect(res.status, first).toBeLessThan(500)
        const body = JSON.parse(text) as unknown
        if (res.status !== 200) break
        const pageTotal = Number(res.headers.get('Omeka-Total-Results'))
        expect(Number.isInteger(pageTotal), first).toBe(true)
        if (total === -1) total = pageTotal
        expect(pageTotal, first).toBe(total)
        for (const rec of body as { id: number }[]) {
          expect(seen.has(rec.id), `${first}: record ${rec.id} twice`).toBe(false)
          seen.add(rec.id)
        }
        url = nextLink(res.headers.get('Link'), first)
        if (!url) {
          expect(seen.size, first).toBe(total)
          walked++
        }
      }
    }
    expect(walked).toBeGreaterThan(60)
  })
})
