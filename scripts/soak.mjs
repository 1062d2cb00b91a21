#!/usr/bin/env node
// A bounded soak of the built server (npm run build first): a fixed number of requests spread over N seconds
// at a few keep-alive connections, both flavours, ordinary and hostile requests mixed (seeded, so a run
// repeats). Reports the requests sent, answers by status, 5xx by cause and the server's RSS over time; exits 1
// when a 5xx that real Omeka does not give by design appears, a connection fails, or the server dies.
//
//   node scripts/soak.mjs [--requests 3000] [--seconds 20] [--connections 4] [--port 18420] [--json out.json]
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

const { values: opts } = parseArgs({
  options: {
    requests: { type: 'string', default: '3000' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '4' },
    port: { type: 'string', default: '18420' },
    seed: { type: 'string', default: '13' },
    json: { type: 'string' },
  },
})
const TOTAL = Number(opts.requests)
const SECONDS = Number(opts.seconds)
const CONNECTIONS = Number(opts.connections)
const PORT = Number(opts.port)

// The 5xx answers real Omeka gives by design (see test/fuzz.test.ts).
const BY_DESIGN = [
  /does not support the .* resource/,
  /adapter does not implement the/,
  /field is not available in the/,
  /must implement Omeka\\\\Api\\\\ResourceInterface/,
  /could not be ingested/,
]

let seed = Number(opts.seed)
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
const pick = (list) => list[Math.floor(random() * list.length)]

const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-soak-'))
const server = spawn(
  process.execPath,
  [
    'dist/main.js',
    'serve',
    '--host',
    '127.0.0.1',
    '--port',
    String(PORT),
    '--data',
    dir,
    '--control',
    '--flavor',
    'both',
  ],
  { stdio: ['ignore', 'pipe', 'pipe'] },
)
let log = ''
let exited = null
server.stdout.on('data', (d) => (log += d))
server.stderr.on('data', (d) => (log += d))
server.on('exit', (code, signal) => (exited = signal ?? code))

const started = Date.now()
while (!/omeka-twin: http/.test(log)) {
  if (exited !== null || Date.now() - started > 30000) {
    console.error(`soak: the server did not start\n${log}`)
    process.exit(1)
  }
  await new Promise((r) => setTimeout(r, 100))
}
const classicKey = /API key \(shown once\): ([0-9a-f]{40})/.exec(log)?.[1]
const sKey = /key_identity=(\S+) key_credential=(\S+)/.exec(log)
const S = sKey ? `key_identity=${sKey[1]}&key_credential=${sKey[2]}` : ''

const deep = (n) => `{"o:title":"deep","o:data":${'['.repeat(n)}${']'.repeat(n)}}`
const list = (n) => Array.from({ length: n }, (_, i) => i + 1).join(',')
const item = () =>
  JSON.stringify({
    public: true,
    element_texts: [{ element: { id: 50 }, html: false, text: `Soak ${random().toString(36).slice(2)} <b>é</b>` }],
    tags: [{ name: 'soak' }],
  })
const sItem = () =>
  JSON.stringify({
    'o:is_public': true,
    'dcterms:title': [{ type: 'literal', property_id: 1, '@value': `Soak ${random().toString(36).slice(2)}` }],
  })

/** One request of the mix: [kind, method, path, content type, body]. */
function nextRequest() {
  const r = random()
  if (r < 0.55) {
    return pick([
      ['read', 'GET', '/api/items'],
      ['read', 'GET', '/api/items?page=2&per_page=5'],
      ['read', 'GET', '/api/items/1'],
      ['read', 'GET', '/api/collections'],
      ['read', 'GET', '/api/files'],
      ['read', 'GET', '/api/tags'],
      ['read', 'GET', '/api/elements?element_set=1'],
      ['read', 'GET', '/api/items?search=harbour'],
      ['read', 'GET', '/s/api/items'],
      ['read', 'GET', '/s/api/items/1'],
      ['read', 'GET', '/s/api/item_sets'],
      ['read', 'GET', '/s/api/media'],
      ['read', 'GET', '/s/api/sites'],
      ['read', 'GET', '/s/api/properties?vocabulary_prefix=dcterms'],
      ['read', 'GET', '/s/api/items?fulltext_search=harbour'],
    ])
  }
  if (r < 0.75) {
    return pick([
      ['write', 'POST', `/api/items?key=${classicKey}`, 'application/json', item()],
      ['write', 'POST', `/s/api/items?${S}`, 'application/json', sItem()],
      ['write', 'PUT', `/api/items/1?key=${classicKey}`, 'application/json', item()],
      ['write', 'PATCH', `/s/api/items/1?${S}`, 'application/json', sItem()],
    ])
  }
  return pick([
    ['hostile', 'GET', `/api/items?range=${'9'.repeat(320)}`],
    ['hostile', 'GET', `/api/items?range=${list(2000)}`],
    [
      'hostile',
      'GET',
      `/api/items?advanced[0][element_id]=${'9'.repeat(320)}&advanced[0][type]=contains&advanced[0][terms]=a`,
    ],
    ['hostile', 'GET', '/s/api/items?page=99999999999999999999'],
    ['hostile', 'GET', `/s/api/items?${Array.from({ length: 600 }, (_, i) => `id[]=${i}`).join('&')}`],
    ['hostile', 'POST', `/s/api/items?${S}`, 'application/json', deep(5000)],
    ['hostile', 'POST', `/api/items?key=${classicKey}`, 'application/json', deep(5000)],
    ['hostile', 'POST', `/api/files?key=${classicKey}`, 'multipart/form-data; boundary=xx', '--xx\r\nbad'],
    ['hostile', 'POST', `/s/api/media?${S}`, 'multipart/form-data; boundary=xx', '--xx\r\nbad'],
    [
      'hostile',
      'POST',
      `/s/api/sites?${S}`,
      'application/json',
      JSON.stringify({ 'o:title': 'x', 'o:slug': '../../etc', 'o:theme': '../x' }),
    ],
    ['hostile', 'POST', '/__admin/seed', 'application/json', 'x'.repeat(5 * 1024 * 1024)],
    ['hostile', 'GET', '/s/api/nope'],
  ])
}

const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS })
const counts = { requests: 0, byStatus: {}, byKind: {}, fiveXx: {}, unexpected: [], networkErrors: {} }
const rss = []
const rssOf = () => {
  try {
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024)
  } catch {
    return null
  }
}
const sampler = setInterval(() => rss.push({ t: Math.round((Date.now() - t0) / 1000), mb: rssOf() }), 1000)

function send([kind, method, path, type, body]) {
  return new Promise((resolve) => {
    const headers = type ? { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) } : {}
    const req = request({ host: '127.0.0.1', port: PORT, method, path, agent, headers }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ kind, status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', (err) => resolve({ kind, status: 0, text: err.code ?? err.message }))
    req.end(body)
  })
}

const t0 = Date.now()
const interval = (SECONDS * 1000) / TOTAL
let issued = 0
async function worker() {
  while (issued < TOTAL) {
    const n = issued++
    const due = t0 + n * interval
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()))
    const r = await send(nextRequest())
    counts.requests++
    counts.byStatus[r.status] = (counts.byStatus[r.status] ?? 0) + 1
    counts.byKind[r.kind] = (counts.byKind[r.kind] ?? 0) + 1
    if (r.status === 0) counts.networkErrors[r.text] = (counts.networkErrors[r.text] ?? 0) + 1
    if (r.status >= 500) {
      const cause = (/"(?:error|message)":"([^"]{0,120})/.exec(r.text)?.[1] ?? r.text.slice(0, 120)) || '(empty)'
      counts.fiveXx[cause] = (counts.fiveXx[cause] ?? 0) + 1
      if (!BY_DESIGN.some((re) => re.test(r.text))) counts.unexpected.push(cause)
    }
  }
}
await Promise.all(Array.from({ length: CONNECTIONS * 2 }, worker))
clearInterval(sampler)
rss.push({ t: Math.round((Date.now() - t0) / 1000), mb: rssOf() })
const alive = exited === null
server.kill('SIGTERM')
agent.destroy()
rmSync(dir, { recursive: true, force: true })

const mbs = rss.map((s) => s.mb).filter((m) => m !== null)
const summary = {
  requests: counts.requests,
  seconds: Math.round((Date.now() - t0) / 100) / 10,
  connections: CONNECTIONS,
  by_kind: counts.byKind,
  by_status: counts.byStatus,
  five_xx_by_cause: counts.fiveXx,
  unexpected_5xx: counts.unexpected.length,
  network_errors: counts.networkErrors,
  server_alive: alive,
  rss_mb: { first: mbs[0], max: Math.max(...mbs), last: mbs[mbs.length - 1], samples: rss },
}
if (opts.json) writeFileSync(opts.json, JSON.stringify(summary, null, 2))
console.log(
  JSON.stringify(
    { ...summary, rss_mb: { ...summary.rss_mb, samples: rss.map((s) => `${s.t}s:${s.mb}`).join(' ') } },
    null,
    2,
  ),
)
const failed =
  counts.unexpected.length + Object.values(counts.networkErrors).reduce((a, b) => a + b, 0) + (alive ? 0 : 1)
console.log(`soak: ${counts.requests - failed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
