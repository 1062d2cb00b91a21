import { createServer, request as httpRequest, Agent } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ORIGIN_BIG, cleanup, cli, finish, hasCommand, startServer, superKey, tempDir } from './proc.js'
import type { Row, Settings } from './measure.js'

/** A loopback proxy in front of an origin that counts the requests the importer makes. */
async function countingProxy(
  origin: string,
): Promise<{ base: string; count: () => number; reset: () => void; close: () => Promise<void> }> {
  const target = new URL(origin)
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  let n = 0
  const server = createServer((req, res) => {
    n++
    const up = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers, agent },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers)
        r.pipe(res)
      },
    )
    up.on('error', () => res.writeHead(502).end())
    req.pipe(up)
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    count: () => n,
    reset: () => (n = 0),
    close: () =>
      new Promise((ok) => {
        agent.destroy()
        server.closeAllConnections()
        server.close(() => ok())
      }),
  }
}

interface ImportRun {
  wallS: number
  /** Wall time minus the CLI's start-up: the import's own work. */
  workS: number
  peakMiB: number
  requests: number
}

/**
 * The CLI's start-up before any work: `node --import tsx` compiling and loading the module graph,
 * measured as `import --help` (best of 3). It is the start-up group's figure, not import work, so the
 * import targets (like the API Import plugin's times, which run inside a live Omeka) exclude it.
 */
async function cliStartup(): Promise<{ s: number; peakMiB: number }> {
  const best = { s: Infinity, peakMiB: 0 }
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now()
    const res = await finish(cli(['import', '--help']))
    best.s = Math.min(best.s, (performance.now() - t0) / 1000)
    best.peakMiB = Math.max(best.peakMiB, res.peakMiB)
  }
  return best
}

async function runCli(
  args: string[],
  label: string,
  nodeArgs: string[] = [],
): Promise<{ wallS: number; peakMiB: number }> {
  const t0 = performance.now()
  const res = await finish(cli(args, nodeArgs))
  if (res.code !== 0) throw new Error(`${label} failed (exit ${res.code}):\n${res.output.slice(-2000)}`)
  return { wallS: (performance.now() - t0) / 1000, peakMiB: res.peakMiB }
}

/** The import's undo, if the CLI offers one (`import --undo` or an `undo` command); null when it does not. */
async function undoArgs(dataDir: string): Promise<string[] | null> {
  const help = (await finish(cli(['import', '--help']))).output
  if (/--undo\b/.test(help)) return ['import', '--undo', '--data', dataDir]
  if (await hasCommand('undo')) return ['undo', '--data', dataDir]
  return null
}

type Proxy = Awaited<ReturnType<typeof countingProxy>>

/**
 * Imports everything the proxied origin serves into `dataDir`. The caller keeps one proxy for the
 * import and its re-import: the proxy's port is part of the canonical origin, so a new proxy per run
 * would make the re-import look like a first import of another site.
 */
async function importOnce(
  proxy: Proxy,
  key: string,
  dataDir: string,
  label: string,
  startupS: number,
  nodeArgs: string[] = [],
): Promise<ImportRun> {
  proxy.reset()
  const run = await runCli(['import', '--from', `${proxy.base}/api`, '--key', key, '--data', dataDir], label, nodeArgs)
  return { ...run, workS: Math.max(0.001, run.wallS - startupS), requests: proxy.count() }
}

const timing = (workS: number, wallS: number) =>
  `${workS.toFixed(2)} s work (${wallS.toFixed(2)} s wall with CLI start-up)`

const fmt = (r: ImportRun, items: number) =>
  `${timing(r.workS, r.wallS)}, ${Math.round(items / r.workS)} items/s, ${r.requests} origin requests, target peak RSS ${r.peakMiB.toFixed(0)} MiB`

/** Whether the import CLI exists yet (it is being written concurrently). */
export function importAvailable(): Promise<boolean> {
  return hasCommand('import')
}

/** Full import, unchanged re-import and undo of the site in `originDir` (a data dir or a fixture). */
export async function importRows(
  group: string,
  source: { fixture?: string; dataDir?: string; key: string },
  items: number,
  full: boolean,
): Promise<Row[]> {
  const originDir = source.dataDir ?? tempDir('origin')
  const origin = await startServer(originDir, source.fixture ? { fixture: source.fixture } : {})
  const target = tempDir('import-target')
  const proxy = await countingProxy(origin.base)
  try {
    const startup = await cliStartup()
    const startupS = startup.s
    const rows: Row[] = [
      {
        group,
        name: 'CLI start-up (excluded from import times)',
        figure: `${startupS.toFixed(2)} s, peak RSS ${startup.peakMiB.toFixed(0)} MiB`,
      },
    ]
    // Node's defaults, no heap flag: as users run it.
    const first = await importOnce(proxy, source.key, target, 'import', startupS)
    rows.push({
      group,
      name: `import of ${items} items`,
      figure: fmt(first, items),
      ...importTarget(first, items, full),
    })
    if (!full) return rows
    const again = await importOnce(proxy, source.key, target, 're-import', startupS)
    rows.push({
      group,
      name: 're-import, unchanged',
      figure: fmt(again, items),
      target: '≤ 1 s',
      met: again.workS <= 1,
    })
    const undo = await undoArgs(target)
    if (!undo) rows.push({ group, name: 'undo of the import', figure: 'not available yet' })
    else {
      const u = await runCli(undo, 'undo')
      const workS = Math.max(0.001, u.wallS - startupS)
      rows.push({ group, name: 'undo of the import', figure: timing(workS, u.wallS), target: '≤ 1 s', met: workS <= 1 })
    }
    return rows
  } finally {
    await proxy.close()
    await origin.stop()
    cleanup(target)
    if (!source.dataDir) cleanup(originDir)
  }
}

function importTarget(r: ImportRun, items: number, full: boolean): Pick<Row, 'target' | 'met'> {
  if (full)
    return {
      target: '≤ 5 s, ≥ 400 items/s, ≤ 700 requests',
      met: r.workS <= 5 && items / r.workS >= 400 && r.requests <= 700,
    }
  return { target: 'peak RSS ≤ 150 MB, no Node flags', met: r.peakMiB * 1.048576 <= 150 }
}

/** Group 2: import of the whole origin-big site between two omeka-twin processes. */
export async function importGroup(_s: Settings): Promise<Row[]> {
  if (!(await importAvailable()))
    return [
      { group: 'import', name: 'import of origin-big', figure: 'not available yet (no `omeka-twin import` command)' },
    ]
  return importRows('import', { fixture: ORIGIN_BIG, key: superKey() }, 2000, true)
}
