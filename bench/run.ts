/**
 * `npm run bench [-- --only api,startup] [-- --quick]`: omeka-twin measured against real Omeka's
 * figures (../shared/bench/README.md). Starts its own servers on loopback with temporary data dirs,
 * prints one table and writes it as JSON to .bench-results/. Never part of `npm test`.
 */
import Table from 'cli-table3'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { apiGroup } from './api.js'
import { importGroup } from './import.js'
import { omekaSGroup } from './omeka-s.js'
import type { Row, Settings } from './measure.js'
import { ROOT, cleanup } from './proc.js'
import { scaleDirs, scaleGroup, type ScaleDirs } from './scale.js'
import { resetGroup } from './reset.js'
import { startupGroup } from './startup.js'
import { toolkitGroup } from './toolkit.js'

const GROUPS: Record<string, (s: Settings, dirs: ScaleDirs) => Promise<Row[]>> = {
  api: apiGroup,
  import: importGroup,
  scale: scaleGroup,
  startup: startupGroup,
  reset: resetGroup,
  toolkit: () => toolkitGroup(),
  s: omekaSGroup,
}

function options(): { groups: string[]; settings: Settings; quick: boolean } {
  const { values } = parseArgs({ options: { only: { type: 'string' }, quick: { type: 'boolean', default: false } } })
  const groups = values.only ? values.only.split(',').map((g) => g.trim()) : Object.keys(GROUPS)
  for (const g of groups)
    if (!GROUPS[g]) throw new Error(`unknown group "${g}" (groups: ${Object.keys(GROUPS).join(', ')})`)
  const quick = values.quick ?? false
  const settings: Settings = quick
    ? { duration: 1, scaleItems: 20_000, scaleImportItems: 5_000 }
    : { duration: 3, scaleItems: 100_000, scaleImportItems: 20_000 }
  return { groups, settings, quick }
}

const num = (v: number | undefined, digits = 0) =>
  v === undefined ? '' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

function table(rows: Row[]): string {
  const t = new Table({
    head: [
      'group',
      'benchmark',
      'conns',
      'cache',
      'req/s',
      'p50 ms',
      'p99 ms',
      'CPU ms/req',
      'cold ms',
      'other figures',
      'target',
      'met',
    ],
    style: { head: [], border: [] },
    wordWrap: true,
    colWidths: [9, 42, 7, 10, 9, 8, 8, 8, 9, 46, 24, 5],
  })
  for (const r of rows)
    t.push([
      r.group,
      r.name,
      r.conns ?? '',
      r.cache ?? '',
      num(r.rps),
      num(r.p50ms),
      num(r.p99ms),
      num(r.cpuMs, 2),
      num(r.coldMs, 1),
      (r.figure ?? '') + (r.errors ? ` (${r.errors} errors!)` : ''),
      r.target ?? '',
      r.met === undefined ? '' : r.met ? 'yes' : 'NO',
    ])
  return t.toString()
}

async function main(): Promise<void> {
  const { groups, settings, quick } = options()
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: process.platform,
  }
  console.log(
    `omeka-twin benchmarks on ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}${quick ? ' — quick mode' : ''}`,
  )
  const temps: string[] = []
  const dirs = scaleDirs(settings, temps)
  const rows: Row[] = []
  // Other work on the machine slows wall-clock figures (req/s, ms); CPU per request does not depend on it.
  const load: { start: number[]; end?: number[] } = { start: loadavg() }
  try {
    for (const g of groups) {
      console.log(`… ${g}`)
      const groupRows = await GROUPS[g]!(settings, dirs)
      rows.push(...groupRows)
      console.log(table(groupRows))
    }
  } finally {
    for (const d of temps) cleanup(d)
  }
  load.end = loadavg()
  const loadText = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ')
  console.log(
    `\nomeka-twin benchmarks — ${machine.cores} cores (${machine.cpu}), Node ${machine.node}${quick ? ', quick mode' : ''}; load average (1/5/15 min) ${loadText(load.start)} at the start, ${loadText(load.end)} at the end`,
  )
  console.log(table(rows))
  const outDir = join(ROOT, '.bench-results')
  mkdirSync(outDir, { recursive: true })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const json = JSON.stringify({ date: new Date().toISOString(), machine, load, quick, settings, rows }, null, 2)
  writeFileSync(join(outDir, `bench-${stamp}.json`), json)
  writeFileSync(join(outDir, 'latest.json'), json)
  console.log(`Results written to .bench-results/bench-${stamp}.json`)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
