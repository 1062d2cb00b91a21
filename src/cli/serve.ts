import { serve } from '@hono/node-server'
import { createApp } from '../app.js'
import { isLoopbackHost } from '../control/control.guard.js'
import { allowFileHosts } from '../importer/origin-policy.js'
import { resolveServeOptions } from '../config.js'
import { readFaultsFile } from '../control/faults/faults.file.js'
import { parseCorsOrigins } from '../http/cors.js'
import { initialise, isEmpty, openDataDir, recoverDataDir } from '../bootstrap.js'
import { dirname, join } from 'node:path'
import { removeSnapshotLeftovers } from '../control/snapshots/snapshots.js'
import { activatePlugins, pluginFixtureHooks } from '../plugins/index.js'
import { initialiseS, isSEmpty, openSDataDir, recoverSDataDir } from '../omeka-s/bootstrap.js'

/** `omeka-twin serve`: open (or initialise) the data dir and listen. Resolves once listening. */
export async function serveCommand(flags: Record<string, unknown>): Promise<void> {
  const opts = resolveServeOptions(flags)
  const deps = openDataDir(opts.data, {
    baseUrl: opts.baseUrl,
    control: opts.control,
    controlToken: opts.control ? opts.controlToken : undefined,
    maxUploadBytes: opts.maxUpload,
    flavor: opts.flavor,
    faults: opts.faults ? readFaultsFile(opts.faults) : undefined,
    cors: opts.corsOrigins ? { origins: parseCorsOrigins(opts.corsOrigins) } : undefined,
    journalSize: opts.journalSize,
    allowFileHosts: allowFileHosts(flags.allowFileHost),
  })
  const recovered = [recoverDataDir(deps)]
  if (opts.flavor !== 'classic') {
    deps.s = openSDataDir(opts.data, deps.config, opts.flavor === 'both' ? '/s' : '')
    recovered.push(recoverSDataDir(deps.s))
    if (isSEmpty(deps.s)) {
      const key = await initialiseS(deps.s, { fixture: opts.flavor === 's' ? opts.fixture : undefined, empty: opts.empty })
      if (key) console.log(`Omeka S: created global admin "Admin" (id 1). API key (shown once): key_identity=${key.identity} key_credential=${key.credential}`)
      else console.log(`Omeka S: loaded fixture ${opts.fixture}`)
    }
  }
  removeSnapshotLeftovers(deps.config.snapshotsDir ?? join(dirname(deps.files.root), 'snapshots'))
  for (const r of recovered) {
    if (r.switch !== 'none') console.log(`omeka-twin: start-up: ${r.switch === 'completed' ? 'completed' : 'rolled back'} a reset, seed or snapshot restore that was interrupted`)
    if (r.orphans) console.log(`omeka-twin: start-up: removed ${r.orphans} stored file(s) that no record names (left by an interrupted upload or delete)`)
  }
  if (opts.flavor !== 's' && isEmpty(deps)) {
    const key = initialise(deps, { fixture: opts.fixture, empty: opts.empty }, pluginFixtureHooks(deps))
    if (key) console.log(`Created super user "admin" (id 1). API key (shown once): ${key}`)
    else if (opts.fixture) console.log(`Loaded fixture ${opts.fixture}`)
  } else if (opts.fixture && opts.flavor !== 's') {
    console.log(`Data dir ${opts.data} already has data: --fixture ignored (use POST /__admin/reset or a new --data dir).`)
  }
  if (opts.plugins.length) activatePlugins(deps, opts.plugins)
  if (opts.control && !isLoopbackHost(opts.host)) {
    console.warn(`omeka-twin: WARNING: the control plane (/__admin) listens on ${opts.host}, beyond this machine; every request to it needs the --control-token bearer token, and anyone holding it can replace all data.`)
  }
  const app = createApp(deps)
  await new Promise<void>((resolveListen, reject) => {
    const server = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }, (info) => {
      const apis = { classic: 'Omeka Classic API at /api', s: 'Omeka S API at /api', both: 'Omeka Classic API at /api, Omeka S API at /s/api' }[opts.flavor]
      console.log(`omeka-twin: http://${opts.host}:${info.port} — ${apis}${opts.control ? (opts.flavor === 'both' ? ' (control planes at /__admin and /s/__admin)' : ' (control plane at /__admin)') : ''}`)
      resolveListen()
    })
    server.on('error', reject)
    const stop = () => {
      server.close()
      deps.db.$client.close()
      process.exit(0)
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}
