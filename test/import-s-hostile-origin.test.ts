import { describe, expect, it } from 'vitest'
import { S_FIXTURE, S_FIXTURE_FRESH, startImport, startSSite, useSites } from './import-s-harness.js'

const { track } = useSites()

type Rep = Record<string, unknown>

/** A key `JSON.parse` keeps as an own property (an object literal would set the prototype instead). */
const withOwnKey = (rep: Rep, key: string, value: unknown): Rep =>
  Object.defineProperty({ ...rep }, key, { value, enumerable: true, configurable: true, writable: true })

/** One record of each index broken in its own way; the others are sent as they are. */
const BREAK: Record<string, { id: number; broken: (r: Rep) => Rep; reason: RegExp }> = {
  users: { id: 3, broken: (r) => ({ ...r, 'o:email': 12 }), reason: /o:email/ },
  resource_templates: { id: 2, broken: (r) => ({ ...r, 'o:label': null }), reason: /o:label/ },
  assets: { id: 1, broken: (r) => ({ ...r, 'o:filename': 5 }), reason: /o:filename/ },
  item_sets: { id: 3, broken: (r) => withOwnKey(r, '__proto__', { polluted: true }), reason: /__proto__/ },
  items: { id: 5, broken: (r) => ({ ...r, 'o:is_public': 'yes' }), reason: /o:is_public/ },
  media: { id: 8, broken: (r) => ({ ...r, 'o:item': { '@id': 'x' } }), reason: /o:item\.o:id/ },
  sites: { id: 2, broken: (r) => ({ ...r, 'o:slug': 's'.repeat(100_000) }), reason: /o:slug/ },
  site_pages: { id: 3, broken: (r) => ({ ...r, 'o:site': undefined }), reason: /o:site/ },
}

function hostile(path: string, body: unknown): unknown {
  const b = BREAK[path.replace(/^\/api\//, '')]
  if (!b || !Array.isArray(body)) return body
  return body.map((r: Rep) => (r['o:id'] === b.id ? b.broken(r) : r))
}

describe('S → S import from an origin sending malformed records', () => {
  it('logs each one failed with the reason, imports the others, and never ends completed', async () => {
    const origin = track(await startSSite(S_FIXTURE, undefined, hostile))
    const target = track(await startSSite(S_FIXTURE_FRESH))
    const r = await startImport(target, origin, { mode: 'mirror' })
    expect(r.status).toBe(200)
    expect(r.body.status).toBe('completed_with_errors')
    const failed = await target.get(`/api/import_records?import=${r.body['o:id']}&outcome=failed&per_page=100`)
    for (const [resource, b] of Object.entries(BREAK)) {
      const row = failed.find((f: any) => f.resource === resource && f.remote_id === b.id)
      expect(row, resource).toBeDefined()
      expect(row.message, resource).toMatch(/^Unreadable record: /)
      expect(row.message, resource).toMatch(b.reason)
      expect(r.body.counters[resource]?.failed ?? 1, resource).toBeGreaterThanOrEqual(1)
    }
    expect(failed).toHaveLength(Object.keys(BREAK).length)
    // Nothing of a refused record was written; its neighbours were (mirror mode keeps ids).
    for (const [path, ok] of [
      ['items/5', 'items/4'],
      ['item_sets/3', 'item_sets/1'],
      ['sites/2', 'sites/1'],
      ['assets/1', null],
    ] as const) {
      expect((await target.get(`/api/${path}`))['o:id'], path).toBeUndefined()
      if (ok) expect((await target.get(`/api/${ok}`))['o:id'], ok).toBeDefined()
    }
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
  })
})
