import { pagedReads } from './api.js'
import { importAvailable, importRows } from './import.js'
import { cacheOf, coldRequest, load, type Request, type Row, type Settings } from './measure.js'
import { cleanup, cli, finish, startServer, tempDir, type RunningServer } from './proc.js'
import { seedDataDir, siteTerms, type Dataset } from './scaled-data.js'

type Built = Dataset & { dir: string }

export interface ScaleDirs {
  /** A data dir with `s.scaleItems` items, built once per run and shared with the startup group. */
  big(): Promise<Built>
}

async function build(items: number, label: string, temps: string[]): Promise<Built> {
  const dir = tempDir(label)
  temps.push(dir)
  const t0 = performance.now()
  const set = await seedDataDir(dir, items)
  return { ...set, dir, how: `${set.how}, ${items} items in ${((performance.now() - t0) / 1000).toFixed(1)} s` }
}

/** Builds the scaled data dir lazily, once. */
export function scaleDirs(s: Settings, temps: string[]): ScaleDirs {
  let built: Promise<Built> | undefined
  return { big: () => (built ??= build(s.scaleItems, 'scale', temps)) }
}

async function readsAt(
  server: RunningServer,
  key: string,
  terms: { search: string; tag: string },
  s: Settings,
): Promise<Map<string, Row>> {
  const out = new Map<string, Row>()
  for (const req of pagedReads(key, terms)) {
    const coldMs = await coldRequest(server.base, req)
    out.set(req.name, {
      group: 'scale',
      name: req.name,
      conns: 8,
      cache: cacheOf(req),
      coldMs,
      ...(await load(server.base, req, 8, s.duration, server.pid)),
    })
  }
  return out
}

/** The paged reads of a data dir's site, on a server started for them. */
async function readsOf(set: Built, s: Settings, terms?: { search: string; tag: string }) {
  const server = await startServer(set.dir)
  try {
    const used = terms ?? set.terms ?? (await siteTerms(server.base, set.key))
    return { terms: used, rows: await readsAt(server, set.key, used, s) }
  } finally {
    await server.stop()
  }
}

/**
 * Group 3: the paged reads on 2,000 items and on `scaleItems` items of the same kind (8 connections),
 * side by side: a paged read must cost the same whatever the total; then the import of a larger site.
 */
export async function scaleGroup(s: Settings, dirs: ScaleDirs): Promise<Row[]> {
  const temps: string[] = []
  try {
    const small = await readsOf(await build(2000, 'scale-small', temps), s)
    const big = await dirs.big()
    const rows: Row[] = [{ group: 'scale', name: `data set: ${s.scaleItems} items`, figure: big.how }]
    for (const [name, row] of (await readsOf(big, s, small.terms)).rows) {
      const base = small.rows.get(name)!
      const ratio = (row.cpuMs ?? 0) / (base.cpuMs || 1)
      rows.push({
        ...row,
        name: `${name} @ ${s.scaleItems}`,
        figure: `at 2,000: ${Math.round(base.rps ?? 0)} req/s, p99 ${base.p99ms} ms, ${base.cpuMs?.toFixed(2)} CPU ms; CPU cost ×${ratio.toFixed(2)}`,
        target: 'CPU per request ≤ 1.5× of 2,000',
        met: ratio <= 1.5,
      })
    }
    rows.push(...(await sScale(s, temps)))
    rows.push(...(await scaledImport(s)))
    return rows
  } finally {
    for (const d of temps) cleanup(d)
  }
}

async function scaledImport(s: Settings): Promise<Row[]> {
  const name = `import of a ${s.scaleImportItems}-item site`
  if (!(await importAvailable()))
    return [{ group: 'scale', name, figure: 'not available yet (no `omeka-twin import` command)' }]
  const dir = tempDir('scale-origin')
  try {
    const set = await seedDataDir(dir, s.scaleImportItems)
    return await importRows('scale', { dataDir: dir, key: set.key }, s.scaleImportItems, false)
  } finally {
    cleanup(dir)
  }
}

/** The Omeka S reads whose cost must not grow with the site (issue 16): full-text search and a page. */
const S_READS: Request[] = [
  { name: 'S GET /api/items?fulltext_search=lighthouse', path: '/api/items?fulltext_search=lighthouse' },
  {
    name: 'S GET /api/items?fulltext_search=lighthouse, uncached',
    path: '/api/items?fulltext_search=lighthouse',
    uncached: true,
  },
  { name: 'S GET /api/items?page=1 (25 items), uncached', path: '/api/items?page=1', uncached: true },
]

async function sReadsAt(items: number, s: Settings, temps: string[]): Promise<Map<string, Row>> {
  const dir = tempDir(`scale-s-${items}`)
  temps.push(dir)
  const seeded = await finish(cli(['seed', '--flavor', 's', '--data', dir, '--items', String(items)]))
  if (seeded.code !== 0) throw new Error(`omeka-twin seed --flavor s failed: ${seeded.output.slice(-1000)}`)
  const server = await startServer(dir, { flavor: 's' })
  try {
    const out = new Map<string, Row>()
    for (const req of S_READS) {
      const coldMs = await coldRequest(server.base, req)
      const measured = await load(server.base, req, 8, s.duration, server.pid)
      out.set(req.name, { group: 'scale', name: req.name, conns: 8, cache: cacheOf(req), coldMs, ...measured })
    }
    return out
  } finally {
    await server.stop()
  }
}

/** The same S reads on a 2,000-item and a `scaleItems`-item synthetic S site (`seed --flavor s`). */
async function sScale(s: Settings, temps: string[]): Promise<Row[]> {
  const small = await sReadsAt(2000, s, temps)
  const big = await sReadsAt(s.scaleItems, s, temps)
  return [...big].map(([name, row]) => {
    const base = small.get(name)!
    const ratio = (row.cpuMs ?? 0) / (base.cpuMs || 1)
    return {
      ...row,
      name: `${name} @ ${s.scaleItems}`,
      figure: `at 2,000: ${Math.round(base.rps ?? 0)} req/s, p99 ${base.p99ms} ms, ${base.cpuMs?.toFixed(2)} CPU ms; CPU cost ×${ratio.toFixed(2)}`,
      target: 'CPU per request ≤ 1.5× of 2,000',
      met: ratio <= 1.5 && !row.errors,
    }
  })
}
