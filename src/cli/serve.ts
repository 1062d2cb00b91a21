import { serve } from '@hono/node-server'
import { createApp } from '../app.js'
import { resolveServeOptions } from '../config.js'
import { readFaultsFile } from '../control/faults/faults.file.js'
import { parseCorsOrigins } from '../http/cors.js'
import { initialise, isEmpty, openDataDir } from '../bootstrap.js'
import { activatePlugins, pluginFixtureHooks } from '../plugins/index.js'

/** `omeka-twin serve`: open (or initialise) the data dir and listen. Resolves once listening. */
export async function serveCommand(flags: Record<string, unknown>): Promise<void> {
  const opts = resolveServeOptions(flags)
  const deps = openDataDir(opts.data, {
    baseUrl: opts.baseUrl,
    control: opts.control,
    maxUploadBytes: opts.maxUpload,
    flavor: opts.flavor,
    faults: opts.faults ? readFaultsFile(opts.faults) : undefined,
    cors: opts.corsOrigins ? { origins: parseCorsOrigins(opts.corsOrigins) } : undefined,
    journalSize: opts.journalSize,
  })
  if (opts.flavor !== 'classic') {
    // Loaded only when served: a Classic server starts without the Omeka S code.
    const { initialiseS, isSEmpty, openSDataDir } = await import('../omeka-s/bootstrap.js')
    deps.s = openSDataDir(opts.data, deps.config, opts.flavor === 'both' ? '/s' : '')
    if (isSEmpty(deps.s)) {
      const key = await initialiseS(deps.s, { fixture: opts.flavor === 's' ? opts.fixture : undefined, empty: opts.empty })
      if (key) console.log(`Omeka S: created global admin "Admin" (id 1). API key (shown once): key_identity=${key.identity} key_credential=${key.credential}`)
      else console.log(`Omeka S: loaded fixture ${opts.fixture}`)
    }
  }
  if (opts.flavor !== 's' && isEmpty(deps)) {
    const key = initialise(deps, { fixture: opts.fixture, empty: opts.empty }, pluginFixtureHooks(deps))
    if (key) console.log(`Created super user "admin" (id 1). API key (shown once): ${key}`)
    else if (opts.fixture) console.log(`Loaded fixture ${opts.fixture}`)
  } else if (opts.fixture && opts.flavor !== 's') {
    console.log(`Data dir ${opts.data} already has data: --fixture ignored (use POST /__admin/reset or a new --data dir).`)
  }
  if (opts.plugins.length) activatePlugins(deps, opts.plugins)
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
