import { pagedReads, superKey } from './api.js'
import { importAvailable, importRows } from './import.js'
import { coldRequest, load, type Row, type Settings } from './measure.js'
import { ORIGIN_BIG, cleanup, startServer, tempDir } from './proc.js'
import { seedDataDir } from './scaled-data.js'

export interface ScaleDirs {
  /** A data dir with `s.scaleItems` items, built once per run and shared with the startup group. */
  big(): Promise<{ dir: string; how: string }>
}

/** Builds the scaled data dir lazily, once. */
export function scaleDirs(s: Settings, temps: string[]): ScaleDirs {
  let built: Promise<{ dir: string; how: string }> | undefined
  return {
    big: () =>
      (built ??= (async () => {
        const dir = tempDir('scale')
        temps.push(dir)
        const t0 = performance.now()
        const how = await seedDataDir(dir, s.scaleItems)
        return { dir, how: `${how} in ${((performance.now() - t0) / 1000).toFixed(1)} s` }
      })()),
  }
}

async function readsAt(server: { base: string; pid: number }, s: Settings): Promise<Map<string, Row>> {
  const { base, pid } = server
  const out = new Map<string, Row>()
  for (const req of pagedReads(superKey())) {
    const coldMs = await coldRequest(base, req)
    out.set(req.name, { group: 'scale', name: req.name, conns: 8, coldMs, ...(await load(base, req, 8, s.duration, pid)) })
  }
  return out
}

/**
 * Group 3: the paged reads at 2,000 and at `scaleItems` items (8 connections), side by side;
 * a paged read must cost the same whatever the total; then the import of a larger site.
 */
export async function scaleGroup(s: Settings, dirs: ScaleDirs): Promise<Row[]> {
  const smallDir = tempDir('scale-small')
  const small = await startServer(smallDir, { fixture: ORIGIN_BIG })
  let atSmall: Map<string, Row>
  try {
    atSmall = await readsAt(small, s)
  } finally {
    await small.stop()
    cleanup(smallDir)
  }
  const big = await dirs.big()
  const server = await startServer(big.dir)
  const rows: Row[] = [{ group: 'scale', name: `data set: ${s.scaleItems} items`, figure: big.how }]
  try {
    for (const [name, row] of await readsAt(server, s)) {
      const base = atSmall.get(name)!
      const ratio = (base.rps ?? 0) / (row.rps || 1)
      rows.push({
        ...row,
        name: `${name} @ ${s.scaleItems}`,
        figure: `at 2,000: ${Math.round(base.rps ?? 0)} req/s, p99 ${base.p99ms} ms; cost ×${ratio.toFixed(2)}`,
        target: 'cost ≤ 1.5× of 2,000',
        met: ratio <= 1.5,
      })
    }
  } finally {
    await server.stop()
  }
  rows.push(...(await scaledImport(s)))
  return rows
}

async function scaledImport(s: Settings): Promise<Row[]> {
  const name = `import of a ${s.scaleImportItems}-item site`
  if (!(await importAvailable())) return [{ group: 'scale', name, figure: 'not available yet (no `omeka-twin import` command)' }]
  const dir = tempDir('scale-origin')
  try {
    await seedDataDir(dir, s.scaleImportItems)
    return await importRows('scale', { dataDir: dir }, s.scaleImportItems, false)
  } finally {
    cleanup(dir)
  }
}
