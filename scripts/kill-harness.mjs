#!/usr/bin/env node
// Kill harness: kill -9 of a real omeka-twin server at random points during writes, uploads, imports, resets
// (seed) and snapshot restores; after every kill the server is started again on the same data dir (start-up
// recovery included) and the data dir is checked:
//   - PRAGMA integrity_check is ok;
//   - every file record has its original (and its derivatives when it says it has them);
//   - no stored file, temp file or half-switched tree that no record names;
//   - each operation is complete or absent: a written item has all its element texts or does not exist, a reset or
//     restore left either the whole old site or the whole new one.
//
//   npm run build && node scripts/kill-harness.mjs [--kills 60] [--port 18450] [--seed 1] [--ops write,upload,import,reset,restore]
//                                                   [--base 2000,1500] [--keep]
// CI: --kills 8 --base 400,200
//
// Prints one line per kill and a summary; exits 1 on any violation. Ports: --port (target) and --port + 1 (the
// import origin, never killed). Only servers it started are killed, by process id.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(ROOT, 'package.json'))
const Database = require('better-sqlite3')

const args = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i === -1 ? fallback : args[i + 1]
}
const KILLS = Number(opt('kills', 60))
const PORT = Number(opt('port', 18450))
const KEEP = args.includes('--keep')
const OPS = opt('ops', 'write,upload,import,reset,restore').split(',')
let rng = Number(opt('seed', 1)) >>> 0 || 1
const random = () => (rng = (Math.imul(rng, 1664525) + 1013904223) >>> 0) / 2 ** 32
const pick = (list) => list[Math.floor(random() * list.length)]
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const ENTRY = existsSync(join(ROOT, 'dist/main.js'))
  ? [join(ROOT, 'dist/main.js')]
  : ['--import', 'tsx', join(ROOT, 'src/main.ts')]

const work = mkdtempSync(join(tmpdir(), 'omeka-twin-kill-'))
const target = { dir: join(work, 'target'), port: PORT, proc: null }
const origin = { dir: join(work, 'origin'), port: PORT + 1, proc: null }
const base = (s) => `http://127.0.0.1:${s.port}`

async function start(server) {
  const proc = spawn(
    process.execPath,
    [
      ...ENTRY,
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      String(server.port),
      '--data',
      server.dir,
      '--control',
      '--empty',
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  server.proc = proc
  server.log = ''
  proc.stdout.on('data', (d) => (server.log += d))
  proc.stderr.on('data', (d) => (server.log += d))
  const exited = new Promise((r) => proc.once('exit', r))
  server.exited = exited
  for (let i = 0; i < 600; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited at start-up:\n${server.log}`)
    try {
      if ((await fetch(`${base(server)}/api/site`)).ok) return
    } catch {
      /* not listening yet */
    }
    await sleep(50)
  }
  throw new Error('server did not start')
}

async function kill(server) {
  server.proc.kill('SIGKILL')
  await server.exited
  server.proc = null
}

const admin = (server, path, body) =>
  fetch(`${base(server)}/__admin${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })

// --- the operations (each resolves when the server answered; a kill makes them reject) ---

const SITES = [
  { items: 600, files: 60 },
  { items: 900, files: 90 },
]
// The snapshot restored by `restore`: big enough that a restore's file switch takes a while (--base ITEMS,FILES).
const [baseItems, baseFiles] = opt('base', '2000,1500').split(',').map(Number)
const BASE_SITE = { items: baseItems, files: baseFiles }
let opCount = 0

function writeOp(key) {
  const tag = `kh-${++opCount}`
  const texts = (j, title = `${tag}-${j}`) => [
    { element: { id: 50 }, html: false, text: title },
    { element: { id: 41 }, html: false, text: `description of ${tag}-${j}` },
    { element: { id: 39 }, html: false, text: 'Harness' },
  ]
  const one = (j) =>
    fetch(`${base(target)}/api/items?key=${key}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ public: true, element_texts: texts(j), tags: [{ name: tag }] }),
    })
  const edit = async () => {
    const items = await (await fetch(`${base(target)}/api/items?per_page=3&key=${key}`)).json()
    for (const it of items)
      await fetch(`${base(target)}/api/items/${it.id}?key=${key}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ element_texts: texts(0, `edit-${it.id}`) }),
      })
  }
  return { name: 'write', tag, run: () => Promise.all([one(1), one(2), one(3), one(4), edit()]) }
}

let png = null
async function pngBytes() {
  if (png) return png
  const sharp = require('sharp')
  png = await sharp({ create: { width: 900, height: 700, channels: 3, background: '#336699' } })
    .png()
    .toBuffer()
  return png
}

function uploadOp(key) {
  return {
    name: 'upload',
    run: async () => {
      const bytes = await pngBytes()
      const one = () => {
        const form = new FormData()
        form.append('data', JSON.stringify({ item: { id: 1 } }))
        form.append('file', new Blob([bytes], { type: 'image/png' }), `kh-${++opCount}.png`)
        return fetch(`${base(target)}/api/files?key=${key}`, { method: 'POST', body: form })
      }
      return Promise.all([one(), one(), one()])
    },
  }
}

function importOp(key, originKey) {
  return {
    name: 'import',
    run: async () => {
      const res = await fetch(`${base(target)}/api/imports?key=${key}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ endpoint: `${base(origin)}/api`, key: originKey, mode: pick(['merge', 'mirror']) }),
      })
      const run = await res.json()
      for (let i = 0; i < 400 && run.id; i++) {
        const now = await (await fetch(`${base(target)}/api/imports/${run.id}?key=${key}`)).json()
        if (!['queued', 'running'].includes(now.status)) return now
        await sleep(25)
      }
    },
  }
}

function seedOp() {
  const site = pick(SITES)
  return {
    name: 'reset',
    expect: site,
    run: () => admin(target, '/seed', { items: site.items, files: site.files, seed: 1 }),
  }
}

function restoreOp(snapshot) {
  return { name: 'restore', expect: snapshot, run: () => admin(target, '/snapshots/base/restore') }
}

// --- the checks ---

function fingerprint(db) {
  const items = db.prepare('SELECT COUNT(*) FROM items').pluck().get()
  const files = db.prepare('SELECT COUNT(*) FROM files').pluck().get()
  return { items, files }
}

function check(dir, op, before) {
  const problems = []
  const db = new Database(join(dir, 'omeka-twin.sqlite'), { readonly: true })
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`)
    const root = join(dir, 'files')
    const rows = db.prepare('SELECT filename FROM files').all()
    const claimed = new Set()
    for (const r of rows) {
      claimed.add(`original/${r.filename}`)
      const jpg = `${r.filename.replace(/\.[^.]*$/, '')}.jpg`
      // Derivatives may be missing: /files makes them on first request (seeded sites have none on disk).
      for (const k of ['fullsize', 'thumbnails', 'square_thumbnails']) claimed.add(`${k}/${jpg}`)
      if (!existsSync(join(root, 'original', r.filename))) problems.push(`record without its file: ${r.filename}`)
    }
    for (const k of ['original', 'fullsize', 'thumbnails', 'square_thumbnails']) {
      if (!existsSync(join(root, k))) continue
      for (const name of readdirSync(join(root, k)))
        if (!claimed.has(`${k}/${name}`)) problems.push(`orphan file: ${k}/${name}`)
    }
    for (const leftover of ['files.next', 'files.old', 'files.switch.json'])
      if (existsSync(join(dir, leftover))) problems.push(`leftover ${leftover}`)
    if (existsSync(join(dir, 'snapshots')))
      for (const n of readdirSync(join(dir, 'snapshots')))
        if (n.startsWith('.tmp-')) problems.push(`leftover snapshots/${n}`)
    const now = fingerprint(db)
    if (op.expect) {
      const same = (a, b) => a.items === b.items && a.files === b.files
      if (!same(now, before) && !same(now, op.expect))
        problems.push(
          `${op.name} neither absent nor complete: ${JSON.stringify(now)} (before ${JSON.stringify(before)}, after ${JSON.stringify(op.expect)})`,
        )
    }
    if (op.tag) {
      const counts = db
        .prepare(
          "SELECT COUNT(*) FROM element_texts et JOIN element_texts t ON t.record_id = et.record_id AND t.record_type = 'Item' WHERE et.record_type = 'Item' AND et.element_id = 50 AND et.text LIKE ? GROUP BY et.record_id",
        )
        .pluck()
        .all(`${op.tag}-%`)
      for (const c of counts) if (c !== 3) problems.push(`write half done: an item of ${op.tag} has ${c} element texts`)
    }
  } finally {
    db.close()
  }
  return problems
}

// --- the run ---

async function main() {
  console.log(`kill harness: ${KILLS} kills, data in ${work}, server ${ENTRY.join(' ')}`)
  await start(origin)
  const originSeed = await (await admin(origin, '/seed', { items: 150, files: 12, seed: 9 })).json()
  const originKey = originSeed.users[0].key
  await start(target)
  const key = (await (await admin(target, '/seed', { ...BASE_SITE, seed: 1 })).json()).users[0].key
  await admin(target, '/snapshots', { name: 'base' })
  const snapshot = BASE_SITE
  const ops = { write: writeOp, upload: uploadOp, import: importOp, reset: seedOp, restore: restoreOp }
  // How long each operation takes here, so that kills land anywhere inside it.
  const duration = {}
  for (const name of OPS) {
    const started = performance.now()
    await ops[name](key, originKey).run()
    duration[name] = performance.now() - started
  }
  await admin(target, '/snapshots/base/restore')
  console.log(
    `operation durations (ms): ${JSON.stringify(Object.fromEntries(Object.entries(duration).map(([k, v]) => [k, Math.round(v)])))}`,
  )
  const tally = { kills: 0, interrupted: 0, violations: 0, byOp: {} }
  for (let i = 1; i <= KILLS; i++) {
    const db = new Database(join(target.dir, 'omeka-twin.sqlite'), { readonly: true })
    const before = fingerprint(db)
    db.close()
    const op = ops[pick(OPS)](key, originKey)
    if (op.name === 'restore') op.expect = snapshot
    let answered = false
    const running = op.run().then(
      () => (answered = true),
      () => undefined,
    )
    const delay = Math.floor(random() * duration[op.name] * 1.1)
    await sleep(delay)
    await kill(target)
    await running
    tally.kills++
    if (!answered) tally.interrupted++
    await start(target)
    const problems = check(target.dir, op, before)
    const entry = (tally.byOp[op.name] ??= { kills: 0, interrupted: 0, violations: 0 })
    entry.kills++
    if (!answered) entry.interrupted++
    entry.violations += problems.length
    tally.violations += problems.length
    const recovered = target.log
      .split('\n')
      .filter((l) => l.includes('start-up:'))
      .map((l) => l.replace(/^omeka-twin: start-up: /, ''))
      .join('; ')
    console.log(
      `#${i} ${op.name} killed after ${delay} ms${answered ? ' (had answered)' : ''}: ${problems.length ? `${problems.length} VIOLATIONS ${problems.slice(0, 4).join(' | ')}` : 'ok'}${recovered ? ` [${recovered}]` : ''}`,
    )
  }
  await kill(target)
  await kill(origin)
  console.log(JSON.stringify(tally))
  if (!KEEP) rmSync(work, { recursive: true, force: true })
  process.exit(tally.violations ? 1 : 0)
}

main().catch(async (err) => {
  console.error(err)
  for (const s of [target, origin]) if (s.proc) s.proc.kill('SIGKILL')
  process.exit(1)
})
