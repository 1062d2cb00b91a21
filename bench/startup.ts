import type { Row, Settings } from './measure.js'
import { cleanup, startServer, tempDir } from './proc.js'
import type { ScaleDirs } from './scale.js'

/** Spawn to first answered request, median of `runs` starts of the same data dir. */
async function startMs(dir: string, runs: number): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const server = await startServer(dir)
    times.push(server.startMs)
    await server.stop()
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

/** Group 4: start-up time to the first answered request, on a new empty data dir and on the scaled one. */
export async function startupGroup(s: Settings, dirs: ScaleDirs): Promise<Row[]> {
  const rows: Row[] = []
  const runs = s.duration < 3 ? 1 : 3
  const empty = tempDir('startup-empty')
  try {
    // The first start of a new dir also creates the schema; later starts only open it.
    const first = await startServer(empty, { empty: true })
    await first.stop()
    rows.push({ group: 'startup', name: 'first start, new data dir (--empty)', figure: `${Math.round(first.startMs)} ms` })
    const again = await startMs(empty, runs)
    rows.push({ group: 'startup', name: 'start, empty data dir', figure: `${Math.round(again)} ms (median of ${runs})` })
  } finally {
    cleanup(empty)
  }
  const big = await dirs.big()
  const scaled = await startMs(big.dir, runs)
  rows.push({ group: 'startup', name: `start, ${s.scaleItems}-item data dir`, figure: `${Math.round(scaled)} ms (median of ${runs})` })
  return rows
}
