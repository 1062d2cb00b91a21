import { loadavg } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Row, Settings } from './measure.js'
import { ROOT, cleanup, startServer, tempDir } from './proc.js'
import type { ScaleDirs } from './scale.js'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** Spawn to first answered request (wall and the server's CPU), medians of `runs` starts of the same data dir. */
async function startMs(dir: string, runs: number, flavor?: 's'): Promise<{ wall: number; cpu: number }> {
  const walls: number[] = []
  const cpus: number[] = []
  for (let i = 0; i < runs; i++) {
    const server = await startServer(dir, flavor ? { flavor } : {})
    walls.push(server.startMs)
    cpus.push(server.startCpuMs)
    await server.stop()
  }
  return { wall: median(walls), cpu: median(cpus) }
}

const START_TARGET = 150
const IN_PROCESS_TARGET = 50
/** The 1-minute load average, beside each wall-clock figure: on a busy machine wall time waits for a core. */
const load = () => `load ${loadavg()[0]!.toFixed(1)}`
const startRow = (name: string, t: { wall: number; cpu: number }, runs: number): Row => ({
  group: 'startup',
  name,
  figure: `${Math.round(t.wall)} ms wall, ${Math.round(t.cpu)} ms server CPU (medians of ${runs}; ${load()})`,
  target: `≤ ${START_TARGET} ms wall to the first answer`,
  met: t.wall <= START_TARGET,
})

/**
 * `startOmekaTwin()` of the compiled package (dist/index.js) in this process, from a fixture: the first start
 * (loads the fixture) and later ones (from the template the first left), each to its first answered request.
 */
async function inProcessRows(runs: number): Promise<Row[]> {
  const { startOmekaTwin } = (await import(
    pathToFileURL(join(ROOT, 'dist/index.js')).href
  )) as typeof import('../src/index.js')
  const rows: Row[] = []
  for (const [flavor, fixture, path] of [
    ['classic', join(ROOT, 'test/fixtures/shared/conformance/classic/fixture'), '/api/site'],
    ['s', join(ROOT, 'test/fixtures/shared/conformance/s/fixture'), '/api-context'],
  ] as const) {
    const walls: number[] = []
    const cpus: number[] = []
    for (let i = 0; i <= runs; i++) {
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      const twin = await startOmekaTwin({ flavor, fixture })
      await (await fetch(twin.url + path)).arrayBuffer()
      walls.push(performance.now() - t0)
      const c = process.cpuUsage(c0)
      cpus.push((c.user + c.system) / 1000)
      await twin.close()
    }
    const [firstWall, ...restWalls] = walls
    const [firstCpu, ...restCpus] = cpus
    rows.push({
      group: 'startup',
      name: `startOmekaTwin({ flavor: '${flavor}', fixture }), first start`,
      figure: `${firstWall!.toFixed(1)} ms wall, ${firstCpu!.toFixed(1)} ms CPU (${load()})`,
    })
    const t = { wall: median(restWalls), cpu: median(restCpus) }
    rows.push({
      group: 'startup',
      name: `startOmekaTwin, ${flavor}, same fixture again (template)`,
      figure: `${t.wall.toFixed(1)} ms wall, ${t.cpu.toFixed(1)} ms CPU (medians of ${runs}; ${load()})`,
      target: `≤ ${IN_PROCESS_TARGET} ms wall to the first answer`,
      met: t.wall <= IN_PROCESS_TARGET,
    })
  }
  return rows
}

/** Group 4: start-up time to the first answered request, on a new empty data dir and on the scaled one. */
export async function startupGroup(s: Settings, dirs: ScaleDirs): Promise<Row[]> {
  const rows: Row[] = []
  const runs = s.duration < 3 ? 3 : 5
  const empty = tempDir('startup-empty')
  try {
    // The first start of a new dir also creates the schema; later starts only open it.
    const first = await startServer(empty, { empty: true })
    await first.stop()
    rows.push({
      group: 'startup',
      name: 'first start, new data dir (--empty)',
      figure: `${Math.round(first.startMs)} ms`,
    })
    rows.push(startRow('start, empty data dir', await startMs(empty, runs), runs))
  } finally {
    cleanup(empty)
  }
  const big = await dirs.big()
  rows.push(startRow(`start, ${s.scaleItems}-item data dir`, await startMs(big.dir, runs), runs))
  const sDir = tempDir('startup-s')
  try {
    await (await startServer(sDir, { flavor: 's' })).stop()
    rows.push(startRow('start --flavor s, existing data dir', await startMs(sDir, runs, 's'), runs))
  } finally {
    cleanup(sDir)
  }
  rows.push(...(await inProcessRows(runs)))
  return rows
}
