import type { Row, Settings } from './measure.js'
import { cleanup, startServer, tempDir } from './proc.js'
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
const startRow = (name: string, t: { wall: number; cpu: number }, runs: number): Row => ({
  group: 'startup',
  name,
  figure: `${Math.round(t.wall)} ms wall, ${Math.round(t.cpu)} ms server CPU (medians of ${runs})`,
  target: `≤ ${START_TARGET} ms to the first answer`,
  met: t.wall <= START_TARGET,
})

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
  return rows
}
