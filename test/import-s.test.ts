import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { S_ADMIN, S_ADMIN_QUERY, S_FIXTURE, S_FIXTURE_FRESH, startSSite, type SSite } from './import-s-harness.js'

let sites: SSite[] = []
afterEach(async () => {
  await Promise.all(sites.map((s) => s.close()))
  sites = []
})

async function pair(): Promise<{ origin: SSite; target: SSite }> {
  const origin = await startSSite(S_FIXTURE)
  const target = await startSSite(S_FIXTURE_FRESH)
  sites.push(origin, target)
  return { origin, target }
}

const fixture = (name: string) => JSON.parse(readFileSync(join(S_FIXTURE, `${name}.json`), 'utf8')) as any[]

async function post(site: SSite, path: string, body: unknown, method = 'POST'): Promise<{ status: number; body: any }> {
  const res = await fetch(`${site.base}${path}?${S_ADMIN_QUERY}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  return { status: res.status, body: await res.json() }
}

const startImport = (target: SSite, origin: SSite, extra: Record<string, unknown> = {}) =>
  post(target, '/api/imports', { endpoint: `${origin.base}/api`, key_identity: S_ADMIN.identity, key_credential: S_ADMIN.credential, ...extra })

/** The data of a representation (what the fixture README calls data), with the origin's host removed. */
function data(rep: any, base: string): any {
  const { '@reverse': _r, 'o:site': _s, 'o:thumbnail': _t, thumbnail_display_urls: _d, 'o:original_url': _o, 'o:thumbnail_urls': _u, ...rest } = rep
  return JSON.parse(JSON.stringify(rest).split(base).join('BASE').split('http://127.0.0.1:8085').join('BASE'))
}

describe('S → S import', () => {
  it('mirror mode reproduces the S fixture: items, item sets, media (bytes), values, classes, templates, owners, dates, ids', async () => {
    const { origin, target } = await pair()
    const r = await startImport(target, origin, { mode: 'mirror' })
    expect(r.status).toBe(200)
    const failures = await target.get(`/api/import_records?import=${r.body['o:id']}&outcome=failed`)
    expect(failures).toEqual([])
    expect(r.body).toMatchObject({ status: 'completed', from_flavor: 's' })
    expect(r.body.counters.items).toMatchObject({ total: 15, created: 15, failed: 0 })
    expect(r.body.counters.media).toMatchObject({ total: 6, created: 6, failed: 0 })
    for (const kind of ['item_sets', 'items', 'media']) {
      const expected = fixture(kind)
      const got = await target.get(`/api/${kind}?per_page=100`)
      expect(got.map((x: any) => x['o:id'])).toEqual(expected.map((x) => x['o:id']))
      for (const [i, rep] of expected.entries()) expect(data(got[i], target.base), `${kind} ${rep['o:id']}`).toEqual(data(rep, origin.base))
    }
    for (const m of fixture('media').filter((m) => m['o:filename'])) {
      const res = await fetch(`${target.base}/files/original/${m['o:filename']}`)
      expect(Buffer.from(await res.arrayBuffer())).toEqual(readFileSync(join(S_FIXTURE, 'files/original', m['o:filename'])))
    }
  })
})
