import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRealServer, type RealServer } from './real-server.js'
import { mainSuiteCases, maskedPair, pythonRequestsMultipart, sCases, S_FIXTURE, type SCase } from './s-recorded.js'

// The request shapes of common Omeka S clients, sent over a real socket to omeka-twin's S flavour and
// answered as real Omeka S 4.2.0 answered them (recorded in conformance/s-random, copied under fixtures/).

let server: RealServer
beforeAll(async () => {
  server = await startRealServer(null, { flavor: 's', control: true }, S_FIXTURE)
})
afterAll(async () => {
  await server.close()
})

const admin = (method: string, path: string, body: unknown) =>
  fetch(`${server.base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })

/** Sends a recorded request as its client did: JSON as `requests.post(json=…)`, multipart as requests' files=. */
async function send(c: SCase): Promise<Response> {
  const url = `${server.base}${c.request.url}`
  const b = c.request.body
  if (b !== null && typeof b === 'object') {
    const { body, contentType } = pythonRequestsMultipart(b['multipart/form-data'])
    return fetch(url, {
      method: c.request.method,
      headers: { 'Content-Type': contentType },
      body: new Uint8Array(body),
    })
  }
  return fetch(url, { method: c.request.method, headers: c.request.headers, body: b })
}

/** Replays a recorded write sequence from its reset; quirk cases are compared only where Omeka's bugs are reproduced. */
async function replaySequence(from: number, to: number, bugCompat: boolean): Promise<void> {
  expect((await admin('PATCH', '/__admin/settings', { bug_compat: bugCompat })).status).toBe(200)
  for (const c of sCases(from, to)) {
    if (c.setup?.reset) expect((await admin('POST', '/__admin/reset', { fixture: S_FIXTURE })).status).toBe(204)
    const res = await send(c)
    // Omeka's bug is not reproduced here: the request runs (its effects count), its answer is ours.
    if (c.quirk && !bugCompat) continue
    const text = await res.text()
    expect(res.status, `case ${c.num}`).toBe(c.response.status)
    if (!(c.response.headers['Content-Type'] ?? '').includes('json')) {
      expect(text, `case ${c.num}`).toBe(c.response.body)
      continue
    }
    const { expected, actual, problems } = maskedPair(c, text, server.base)
    expect(problems, `case ${c.num}`).toEqual([])
    // Key order too: clients and the suites compare bodies byte for byte.
    expect(JSON.stringify(actual), `case ${c.num}`).toBe(JSON.stringify(expected))
  }
}

describe('Python requests multipart (a `data` JSON part and `file[N]` parts)', () => {
  it('creates an item whose media carry "o:item": {} and a string file_index, with a resource template', async () => {
    await replaySequence(1347, 1352, false)
  })

  it('creates an item with a class given by @id and a string file_index, and a page without blocks gets a title block', async () => {
    await replaySequence(1212, 1217, false)
  })

  it("answers 404 for a private item set named by an author, with Omeka's message, and stores nothing", async () => {
    await replaySequence(1218, 1222, false)
  })
})

describe('JSON-only creates with template and class', () => {
  it('creates items and media as Omeka S does, then reads them back', async () => {
    await replaySequence(1201, 1207, false)
    await replaySequence(1319, 1323, false)
  })

  it('refuses a value naming no property and keeps ids where Omeka leaves them', async () => {
    await replaySequence(1356, 1359, false)
  })
})

describe('with --bug-compat, the same sequences reproduce real Omeka exactly, quirks included', () => {
  it('matches every recorded answer, the 500 pages and the SQL error text too', async () => {
    await replaySequence(1212, 1222, true)
    await replaySequence(1353, 1359, true)
    await admin('PATCH', '/__admin/settings', { bug_compat: false })
  })
})

describe('Link rel="next" walking', () => {
  /** The `rel` targets of a Link header. */
  const links = (header: string | null) =>
    Object.fromEntries([...(header ?? '').matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((m) => [m[2]!, m[1]!]))

  it("follows next from Omeka's first page to its second page, as recorded (cases 164, 165)", async () => {
    expect((await admin('POST', '/__admin/reset', { fixture: S_FIXTURE })).status).toBe(204)
    const [first, second] = mainSuiteCases(164, 165)
    const recorded = 'http://127.0.0.1:8085'
    const body = (text: string) => text.split(recorded.replace(/\//g, '\\/')).join(server.base.replace(/\//g, '\\/'))
    const res = await fetch(`${server.base}${first!.request.url}`)
    expect(res.headers.get('Link')).toBe(first!.response.headers.Link!.split(recorded).join(server.base))
    expect(res.headers.get('Omeka-S-Total-Results')).toBe(first!.response.headers['Omeka-S-Total-Results'])
    expect(await res.text()).toBe(body(first!.response.body))
    const next = await fetch(links(res.headers.get('Link')).next!)
    expect(await next.text()).toBe(body(second!.response.body))
  })

  it('visits every item once, in order, as many as Omeka-S-Total-Results says', async () => {
    expect((await admin('POST', '/__admin/reset', { fixture: S_FIXTURE })).status).toBe(204)
    const all = (await (await fetch(`${server.base}/api/items?per_page=1000`)).json()) as { 'o:id': number }[]
    let url: string | undefined = `${server.base}/api/items?per_page=4&sort_by=title`
    const seen: number[] = []
    let total: string | null = null
    while (url) {
      const res: Response = await fetch(url)
      total ??= res.headers.get('Omeka-S-Total-Results')
      const page = (await res.json()) as { 'o:id': number }[]
      expect(page.length).toBeLessThanOrEqual(4)
      seen.push(...page.map((r) => r['o:id']))
      url = links(res.headers.get('Link')).next
    }
    expect(seen.length).toBe(Number(total))
    expect(new Set(seen).size).toBe(all.length)
    expect([...seen].sort((a, b) => a - b)).toEqual(all.map((r) => r['o:id']).sort((a, b) => a - b))
  })
})
