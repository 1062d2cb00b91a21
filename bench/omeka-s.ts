import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ROOT, cleanup, startServer, tempDir } from './proc.js'
import { measureRequest, type Request, type Row, type Settings } from './measure.js'
import { cpuTarget } from './api.js'

/** The Omeka S data set with real Omeka S 4.2.0's figures (../shared/bench/README.md, s-big). */
export const S_BIG = resolve(ROOT, '../shared/bench/s-big')

/** Real Omeka S 4.2.0 on the same data, 8 connections (req/s), for the ratio column. */
const REAL_OMEKA_S: Record<string, number> = {
  'GET /api/items?page=1 (25 items)': 20.2,
  'GET /api/items?page=1&per_page=50': 12.0,
  'GET /api/items/21': 59.1,
  'GET /api/items?property[0]… (eq, 27 results)': 12.0,
  'GET /api/items?fulltext_search=lighthouse': 17.1,
}

function globalAdminKey(): { identity: string; credential: string } {
  const keys = JSON.parse(readFileSync(join(S_BIG, 'keys.json'), 'utf8')) as {
    user_id: number
    key_identity: string
    key_credential: string
  }[]
  const k = keys.find((x) => x.user_id === 1)!
  return { identity: k.key_identity, credential: k.key_credential }
}

const ITEM_BODY = JSON.stringify({
  'o:is_public': true,
  'dcterms:title': [{ type: 'literal', property_id: 1, '@value': 'A benchmark item' }],
  'dcterms:description': [
    { type: 'literal', property_id: 4, '@value': 'Written by npm run bench.', '@language': 'en' },
  ],
})

/** The S flavour on s-big: the reference's list, single, property and full-text reads, and a POST. */
export async function omekaSGroup(s: Settings): Promise<Row[]> {
  const dir = tempDir('omeka-s')
  const server = await startServer(dir, { fixture: S_BIG, flavor: 's' })
  try {
    const key = globalAdminKey()
    const property = `property%5B0%5D%5Bproperty%5D=3&property%5B0%5D%5Btype%5D=eq&property%5B0%5D%5Btext%5D=${encodeURIComponent('Harbours -- Liverpool')}`
    const requests: Request[] = [
      { name: 'GET /api/items?page=1 (25 items)', path: '/api/items?page=1' },
      { name: 'GET /api/items?page=1&per_page=50', path: '/api/items?page=1&per_page=50' },
      { name: 'GET /api/items/21', path: '/api/items/21' },
      { name: 'GET /api/items?property[0]… (eq, 27 results)', path: `/api/items?${property}` },
      { name: 'GET /api/items?fulltext_search=lighthouse', path: '/api/items?fulltext_search=lighthouse' },
      { name: 'GET /api/items?page=1 (25 items), uncached', path: '/api/items?page=1', uncached: true },
      { name: 'GET /api/items/21, uncached', path: '/api/items/21', uncached: true },
      {
        name: 'POST /api/items (global admin key)',
        path: `/api/items?key_identity=${key.identity}&key_credential=${key.credential}`,
        method: 'POST',
        body: ITEM_BODY,
      },
    ]
    const rows: Row[] = []
    for (const req of requests)
      for (const row of await measureRequest('omeka-s', server, req, s)) {
        const real = REAL_OMEKA_S[req.name]
        const compared =
          real && row.conns === 8 && row.rps
            ? { ...row, figure: `${Math.round(row.rps / real)}× real Omeka S (${real} req/s)` }
            : row
        rows.push(req.name === 'GET /api/items?page=1 (25 items), uncached' ? cpuTarget(compared, 0.6) : compared)
      }
    return rows
  } finally {
    await server.stop()
    cleanup(dir)
  }
}
