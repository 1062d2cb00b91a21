import { ORIGIN_BIG, ORIGIN_BIG_TERMS, cleanup, startServer, superKey, tempDir } from './proc.js'
import { measureRequest, withTarget, type Request, type Row, type Settings } from './measure.js'

/** The read requests measured both at 2,000 items (api group) and at scale (scale group). */
export function pagedReads(key: string, terms: { search: string; tag: string }): Request[] {
  const search = encodeURIComponent(terms.search)
  const tag = encodeURIComponent(terms.tag)
  return [
    { name: 'GET /api/items (page of 50, anonymous)', path: '/api/items' },
    { name: 'GET /api/items (page of 50, super key)', path: `/api/items?key=${key}` },
    { name: 'GET /api/items/2', path: '/api/items/2' },
    { name: `GET /api/items?search=${terms.search}`, path: `/api/items?search=${search}` },
    { name: `GET /api/items?tags=${terms.tag}`, path: `/api/items?tags=${tag}` },
    { name: 'GET /api/items?page=40 (super key)', path: `/api/items?page=40&key=${key}` },
    { name: 'GET /api/items (page of 50), uncached', path: '/api/items', uncached: true },
    { name: 'GET /api/items/2, uncached', path: '/api/items/2', uncached: true },
    { name: `GET /api/items?search=${terms.search}, uncached`, path: `/api/items?search=${search}`, uncached: true },
  ]
}

const ITEM_BODY = JSON.stringify({
  public: true,
  featured: false,
  item_type: { id: 1 },
  collection: { id: 3 },
  tags: [{ name: 'bench' }, { name: 'tag-017-harbor' }],
  element_texts: [
    { html: false, text: 'A benchmark item', element: { id: 50 } },
    { html: true, text: '<p>Written by <em>npm run bench</em>.</p>', element: { id: 41 } },
    { html: false, text: 'Bench', element: { id: 39 } },
  ],
})

/** Issue 16: a page answered without the response cache, in server CPU (load-independent). */
export function cpuTarget(row: Row, maxMs: number): Row {
  return { ...row, target: `≤ ${maxMs} ms server CPU/req`, met: (row.cpuMs ?? Infinity) <= maxMs && !row.errors }
}

/** Targets of issue 6 for the two headline requests (on the 2-core machine) and of issue 16 for cold pages. */
export function targeted(row: Row): Row {
  if (row.name === 'GET /api/items (page of 50), uncached') return cpuTarget(row, 1)
  if (row.conns !== 8) return row
  if (row.name.startsWith('GET /api/items (page of 50, anonymous)')) return withTarget(row, 2000, 20)
  if (row.name === 'GET /api/items/2') return withTarget(row, 10000, 5)
  return row
}

/** Group 1: API throughput and latency on origin-big, 1 and 8 connections; writes last. */
export async function apiGroup(s: Settings): Promise<Row[]> {
  const dir = tempDir('api')
  const server = await startServer(dir, { fixture: ORIGIN_BIG })
  try {
    const key = superKey()
    const requests: Request[] = [
      ...pagedReads(key, ORIGIN_BIG_TERMS),
      { name: 'GET /api/files?item=5', path: '/api/files?item=5' },
      { name: 'GET /api/items?callback=cb (JSONP page)', path: '/api/items?callback=cb' },
      { name: 'POST /api/items (super key)', path: `/api/items?key=${key}`, method: 'POST', body: ITEM_BODY },
      { name: 'PUT /api/items/2 (super key)', path: `/api/items/2?key=${key}`, method: 'PUT', body: ITEM_BODY },
    ]
    const rows: Row[] = []
    for (const req of requests) for (const row of await measureRequest('api', server, req, s)) rows.push(targeted(row))
    return rows
  } finally {
    await server.stop()
    cleanup(dir)
  }
}
