import { serve } from '@hono/node-server'
import { createApp } from '../app.js'
import { resolveServeOptions } from '../config.js'
import { initialise, isEmpty, openDataDir } from '../bootstrap.js'
import { activatePlugins, pluginFixtureHooks } from '../plugins/index.js'

/** `omeka-twin serve`: open (or initialise) the data dir and listen. Resolves once listening. */
export async function serveCommand(flags: Record<string, unknown>): Promise<void> {
  const opts = resolveServeOptions(flags)
  const deps = openDataDir(opts.data, { baseUrl: opts.baseUrl, control: opts.control, maxUploadBytes: opts.maxUpload })
  if (isEmpty(deps)) {
    const key = initialise(deps, { fixture: opts.fixture, empty: opts.empty }, pluginFixtureHooks(deps))
    if (key) console.log(`Created super user "admin" (id 1). API key (shown once): ${key}`)
    else if (opts.fixture) console.log(`Loaded fixture ${opts.fixture}`)
  } else if (opts.fixture) {
    console.log(`Data dir ${opts.data} already has data: --fixture ignored (use POST /__admin/reset or a new --data dir).`)
  }
  if (opts.plugins.length) activatePlugins(deps, opts.plugins)
  const app = createApp(deps)
  await new Promise<void>((resolveListen, reject) => {
    const server = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }, (info) => {
      console.log(`omeka-twin: Omeka Classic API at http://${opts.host}:${info.port}/api${opts.control ? ' (control plane at /__admin)' : ''}`)
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
