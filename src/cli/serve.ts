import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createApp, type AppDeps } from '../app.js'
import { ImportJobs } from '../classic/importer/jobs.js'
import { describeConfig, resolveServeConfig, type RuntimeConfig } from '../config.js'
import { readFaultsFile } from '../control/faults/faults.file.js'
import { parseCorsOrigins } from '../core/http/cors.js'
import { accessLogger, listen } from '../core/http/server.js'
import { initialise, isEmpty, openDataDir, recoverDataDir } from '../classic/bootstrap.js'
import { activatePlugins, pluginFixtureHooks } from '../classic/plugins/index.js'
import { isLoopbackHost } from '../control/control.guard.js'
import { allowFileHosts } from '../core/import/origin-policy.js'
import { removeSnapshotLeftovers } from '../control/snapshots/snapshots.js'
import { dirname } from 'node:path'

/** Left in a data dir whose first start made an API key but never got to show it (the listen failed). */
const KEY_NOT_SHOWN = '.first-key-not-shown'

/** `omeka-twin serve`: open (or initialise) the data dir and listen. Resolves once listening. */
export async function serveCommand(flags: Record<string, unknown>): Promise<void> {
  const { options: opts, sources } = resolveServeConfig(flags)
  const dataDir = resolve(opts.data)
  console.log(`omeka-twin: configuration: ${describeConfig(opts, sources)}`)
  const config: RuntimeConfig = {
    baseUrl: opts.baseUrl,
    control: opts.control,
    controlToken: opts.control ? opts.controlToken : undefined,
    maxUploadBytes: opts.maxUpload,
    flavor: opts.flavor,
    faults: opts.faults ? readFaultsFile(opts.faults) : undefined,
    cors: opts.corsOrigins ? { origins: parseCorsOrigins(opts.corsOrigins) } : undefined,
    journalSize: opts.journalSize,
    bugCompat: opts.bugCompat,
    allowFileHosts: allowFileHosts(opts.allowFileHost),
  }
  // Each flavour opens only its own database: `--flavor s` never touches Classic's.
  const deps: AppDeps = { config }
  const marker = join(dataDir, KEY_NOT_SHOWN)
  if (existsSync(marker)) {
    console.log(
      `omeka-twin: the first start of ${opts.data} failed before its API key was shown; ${opts.flavor === 's' ? 'delete the data dir and start again' : `make a key with \`omeka-twin key add --user admin --data ${opts.data}\``}`,
    )
    rmSync(marker, { force: true })
  }
  // What the first start creates is told only once the server is actually listening.
  const firstStart: string[] = []
  // An interrupted reset, seed or restore is finished or rolled back, and files no record names are removed.
  const recovered: ReturnType<typeof recoverDataDir>[] = []
  if (opts.flavor !== 'classic') {
    // Loaded only when served: a Classic server starts without the Omeka S code.
    const {
      initialiseS,
      isEmpty: isSEmpty,
      openDataDir: openSDataDir,
      recoverDataDir: recoverSDataDir,
    } = await import('../omeka-s/bootstrap.js')
    const s = openSDataDir(opts.data, config, opts.flavor === 'both' ? '/s' : '')
    deps.s = s
    recovered.push(recoverSDataDir(s))
    if (isSEmpty(s)) {
      const key = await initialiseS(s, { fixture: opts.flavor === 's' ? opts.fixture : undefined, empty: opts.empty })
      if (key)
        firstStart.push(
          `Omeka S: created global admin "Admin" (id 1). API key (shown once): key_identity=${key.identity} key_credential=${key.credential}`,
        )
      else firstStart.push(`Omeka S: loaded fixture ${opts.fixture}`)
    }
  }
  const classic = opts.flavor !== 's' ? openDataDir(opts.data, config) : undefined
  deps.classic = classic
  if (classic) recovered.push(recoverDataDir(classic))
  const anyFiles = classic?.files.root ?? deps.s?.files.root
  if (anyFiles) removeSnapshotLeftovers(config.snapshotsDir ?? join(dirname(anyFiles), 'snapshots'))
  for (const r of recovered) {
    if (r.switch !== 'none')
      console.log(
        `omeka-twin: start-up: ${r.switch === 'completed' ? 'completed' : 'rolled back'} a reset, seed or snapshot restore that was interrupted`,
      )
    if (r.orphans)
      console.log(
        `omeka-twin: start-up: removed ${r.orphans} stored file(s) that no record names (left by an interrupted upload or delete)`,
      )
  }
  // Made here (not in createApp) so that a stop can interrupt the runs in progress.
  const imports = classic ? new ImportJobs(classic) : undefined
  deps.classicImports = imports
  if (classic && isEmpty(classic)) {
    const key = initialise(classic, { fixture: opts.fixture, empty: opts.empty }, pluginFixtureHooks(classic))
    if (key) firstStart.push(`Created super user "admin" (id 1). API key (shown once): ${key}`)
    else if (opts.fixture) firstStart.push(`Loaded fixture ${opts.fixture}`)
  } else if (classic && opts.fixture) {
    console.log(
      `Data dir ${opts.data} already has data: --fixture ignored (use POST /__admin/reset or a new --data dir).`,
    )
  }
  const madeKey = firstStart.some((l) => l.includes('shown once'))
  // `key add` manages the Classic side's keys; an Omeka S data dir that never listened is best started afresh.
  const getKey =
    opts.flavor === 's'
      ? `start again with an empty --data dir (delete ${opts.data})`
      : `make one with \`omeka-twin key add --user admin --data ${opts.data}\``
  if (classic && opts.plugins.length) activatePlugins(classic, opts.plugins)
  if (opts.control && !isLoopbackHost(opts.host)) {
    console.warn(
      `omeka-twin: WARNING: the control plane (/__admin) listens on ${opts.host}, beyond this machine; every request to it needs the --control-token bearer token, and anyone holding it can replace all data.`,
    )
  }
  const app = createApp(deps)
  const logger = accessLogger(opts.logLevel)
  const closeDatabases = () => {
    deps.classic?.db.$client.close()
    deps.s?.db.$client.close()
  }
  const server = await listen(app.fetch, { host: opts.host, port: opts.port, logger }).catch((err: Error) => {
    if (madeKey) writeFileSync(marker, 'the API key made at first start was never shown\n')
    closeDatabases()
    const hint = madeKey ? `; the API key made for this new data dir was not shown: ${getKey}` : ''
    throw new Error(`cannot listen on ${opts.host}:${opts.port}: ${err.message}${hint}`)
  })
  // Graceful stop (registered before anything says the server listens, so a supervisor that signals
  // as soon as it reads that line never meets the default handler): no new connections, requests in flight finish (10 s at most), imports stop as a
  // crash would (resumable), databases close, exit 0. A second signal exits at once.
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) process.exit(1)
    stopping = true
    console.log(`omeka-twin: ${signal}: finishing ${server.inFlight()} request(s) in flight, then stopping`)
    await server.drain()
    imports?.interruptAll()
    await Promise.race([imports?.idle(), new Promise((done) => setTimeout(done, 2000).unref())])
    closeDatabases()
    logger.flush()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))

  for (const line of firstStart) console.log(line)
  const apis = {
    classic: 'Omeka Classic API at /api',
    s: 'Omeka S API at /api',
    both: 'Omeka Classic API at /api, Omeka S API at /s/api',
  }[opts.flavor]
  const control = opts.control
    ? opts.flavor === 'both'
      ? ' (control planes at /__admin and /s/__admin)'
      : ' (control plane at /__admin)'
    : ''
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host
  console.log(`omeka-twin: http://${shownHost}:${server.port} — ${apis}${control}`)
}
