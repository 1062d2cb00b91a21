/**
 * `npx tsx bench/toolkit.ts [--items 10000] [--files 0]`: the test-double toolkit's speed, through
 * real HTTP on a real data dir: POST /__admin/seed of N items, snapshot save, restore (after the
 * site was changed), reset to ../shared/bench/origin-big and export of it. Never part of `npm test`.
 * `toolkitGroup` gives the same figures as rows for bench/run.ts.
 */
import { serve } from '@hono/node-server'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createApp } from '../src/app.js'
import { openDataDir } from '../src/classic/bootstrap.js'
import { exportSite } from '../src/classic/export/export.js'
import type { Row } from './measure.js'

const ORIGIN_BIG = resolve(fileURLToPath(new URL('../../shared/bench/origin-big', import.meta.url)))

async function timed(label: string, fn: () => Promise<Response | undefined>): Promise<number> {
  const started = performance.now()
  const res = await fn()
  if (res && !res.ok) throw new Error(`${label}: HTTP ${res.status} ${await res.text()}`)
  if (res) await res.arrayBuffer()
  return performance.now() - started
}

/** Runs every measurement on a fresh data dir; returns milliseconds by name. */
export async function measureToolkit(items: number, files: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-bench-toolkit-'))
  const deps = openDataDir(join(dir, 'data'), { control: true, maxUploadBytes: 1 << 20 })
  const app = createApp(deps)
  const server = await new Promise<ReturnType<typeof serve>>((ok) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => ok(s))
  })
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const post = (path: string, body: unknown) =>
    fetch(`${base}/__admin${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  try {
    const ms: Record<string, number> = {}
    ms.seed = await timed('seed', () => post('/seed', { items, files, seed: 1 }))
    ms.save = await timed('save', () => post('/snapshots', { name: 'bench' }))
    await post('/seed', { items: 10, seed: 2 })
    ms.restore = await timed('restore', () => post('/snapshots/bench/restore', {}))
    ms.resetBig = await timed('reset', () => post('/reset', { fixture: ORIGIN_BIG }))
    ms.exportBig = await timed('export', () => exportSite(deps, join(dir, 'export')).then(() => undefined))
    return ms
  } finally {
    server.close()
    deps.db.$client.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`

/** The toolkit figures as bench rows (seed and restore of a 10,000-item site, origin-big reset/export). */
export async function toolkitGroup(): Promise<Row[]> {
  const ms = await measureToolkit(10_000, 0)
  return [
    {
      group: 'toolkit',
      name: 'POST /__admin/seed 10,000 items',
      figure: fmt(ms.seed!),
      target: 'seconds',
      met: ms.seed! < 10_000,
    },
    { group: 'toolkit', name: 'snapshot save, 10,000 items', figure: fmt(ms.save!) },
    {
      group: 'toolkit',
      name: 'snapshot restore, 10,000 items',
      figure: fmt(ms.restore!),
      target: '< 1 s',
      met: ms.restore! < 1000,
    },
    { group: 'toolkit', name: 'POST /__admin/reset origin-big', figure: fmt(ms.resetBig!) },
    { group: 'toolkit', name: 'export origin-big', figure: fmt(ms.exportBig!) },
  ]
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { items: { type: 'string', default: '10000' }, files: { type: 'string', default: '0' } },
  })
  const items = Number(values.items)
  const files = Number(values.files)
  const ms = await measureToolkit(items, files)
  console.log(`seed ${items.toLocaleString('en-US')} items${files ? ` + ${files} files` : ''}: ${fmt(ms.seed!)}`)
  console.log(`snapshot save:                ${fmt(ms.save!)}`)
  console.log(`snapshot restore:             ${fmt(ms.restore!)}`)
  console.log(`reset to origin-big:          ${fmt(ms.resetBig!)}`)
  console.log(`export origin-big:            ${fmt(ms.exportBig!)}`)
}
