import { join } from 'node:path'
import type { Row, Settings } from './measure.js'
import { ORIGIN_BIG, ROOT, cleanup, cpuMs, startServer, tempDir, type RunningServer } from './proc.js'

const CLASSIC_FIXTURE = join(ROOT, '../shared/conformance/classic/fixture')
const S_FIXTURE = join(ROOT, '../shared/conformance/s/fixture')

const post = (base: string, path: string, body: unknown, method = 'POST') =>
  fetch(base + path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(
    async (r) => {
      await r.arrayBuffer()
      if (!r.ok) throw new Error(`${method} ${path} answered ${r.status}`)
    },
  )

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

interface ResetFigures {
  wallMs: number
  /** Server CPU per reset, from /proc (ticks of 10 ms, so averaged over all runs). */
  cpuMs: number
}

/** `runs` resets to `fixture`, each after `before` (a write, or nothing). */
async function resets(
  server: RunningServer,
  fixture: string,
  runs: number,
  before: () => Promise<void>,
): Promise<ResetFigures> {
  const walls: number[] = []
  let cpu = 0
  for (let i = 0; i < runs; i++) {
    await before()
    const c0 = cpuMs(server.pid)
    const t0 = performance.now()
    await post(server.base, '/__admin/reset', { fixture })
    walls.push(performance.now() - t0)
    cpu += cpuMs(server.pid) - c0
  }
  return { wallMs: median(walls), cpuMs: cpu / runs }
}

const fmt = (f: ResetFigures) => `median ${f.wallMs.toFixed(1)} ms wall, ${f.cpuMs.toFixed(2)} ms server CPU`

/** The reset figures of one fixture: the first load, then resets after a write and after reads only. */
async function fixtureRows(
  label: string,
  server: RunningServer,
  fixture: string,
  maxMs: number,
  write: () => Promise<void>,
  runs: number,
): Promise<Row[]> {
  const c0 = cpuMs(server.pid)
  const t0 = performance.now()
  await post(server.base, '/__admin/reset', { fixture })
  const first = { wallMs: performance.now() - t0, cpuMs: cpuMs(server.pid) - c0 }
  const afterWrite = await resets(server, fixture, runs, write)
  const afterReads = await resets(server, fixture, runs, async () => {
    await (await fetch(`${server.base}/api/items`)).arrayBuffer()
  })
  const target = `≤ ${maxMs} ms (server CPU)`
  return [
    {
      group: 'reset',
      name: `POST /__admin/reset ${label}: first load`,
      figure: `${first.wallMs.toFixed(0)} ms wall, ${first.cpuMs.toFixed(0)} ms server CPU`,
    },
    {
      group: 'reset',
      name: `… ${label} again, after a write`,
      cpuMs: afterWrite.cpuMs,
      figure: fmt(afterWrite),
      target,
      met: afterWrite.cpuMs <= maxMs,
    },
    {
      group: 'reset',
      name: `… ${label} again, after reads only`,
      cpuMs: afterReads.cpuMs,
      figure: fmt(afterReads),
      target,
      met: afterReads.cpuMs <= maxMs,
    },
  ]
}

/**
 * Resets between test cases (issue 16): to the 15-item Classic fixture, the Omeka S conformance fixture
 * and origin-big, each already loaded once (so from its template), on the compiled server.
 */
export async function resetGroup(s: Settings): Promise<Row[]> {
  const runs = s.duration < 3 ? 20 : 100
  const rows: Row[] = []
  const settingsWrite = (base: string) => () => post(base, '/__admin/settings', {}, 'PATCH')
  for (const [flavor, fixtures] of [
    [
      'classic',
      [
        ['Classic fixture (15 items)', CLASSIC_FIXTURE, 5],
        ['origin-big (2,000 items, 500 files)', ORIGIN_BIG, 150],
      ],
    ],
    ['s', [['Omeka S fixture', S_FIXTURE, 5]]],
  ] as const) {
    const dir = tempDir(`reset-${flavor}`)
    const server = await startServer(dir, { flavor, control: true })
    try {
      for (const [label, fixture, maxMs] of fixtures)
        rows.push(
          ...(await fixtureRows(
            label,
            server,
            fixture,
            maxMs,
            settingsWrite(server.base),
            fixture === ORIGIN_BIG ? Math.ceil(runs / 5) : runs,
          )),
        )
    } finally {
      await server.stop()
      cleanup(dir)
    }
  }
  return rows
}
