import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../../app.js'
import { memoryDeps } from '../../bootstrap.js'
import type { Deps, RuntimeConfig } from '../../deps.js'
import { loadFixture } from '../../fixtures/load.js'
import { memorySDeps } from '../../omeka-s/bootstrap.js'
import { loadSFixture } from '../../omeka-s/fixtures/load.js'

/** The real Node server on a loopback port, for tests that need real sockets (latency, drops, CORS). */
export interface RealServer {
  base: string
  deps: Deps
  dir: string
  close(): Promise<void>
}

/**
 * Starts the app on 127.0.0.1 on a free port, on an in-memory database and a temp data dir. With
 * `config.flavor` 's' or 'both' the Omeka S flavour is served too (at '' or '/s'), loaded with `sFixture`.
 */
export async function startRealServer(fixture: string | null, config: Partial<RuntimeConfig> = {}, sFixture: string | null = null): Promise<RealServer> {
  const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-real-'))
  const deps = memoryDeps(join(dir, 'files'), { snapshotsDir: join(dir, 'snapshots'), ...config })
  if (fixture) loadFixture(deps, fixture)
  if (config.flavor === 's' || config.flavor === 'both') {
    deps.s = memorySDeps(join(dir, 'files-s'), deps.config, config.flavor === 'both' ? '/s' : '')
    if (sFixture) loadSFixture(deps.s, sFixture)
  }
  const app = createApp(deps)
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  // Tests block the event loop for seconds (exports, tree comparisons): with Node's 5 s default the server's idle
  // timer and the client's reuse of the idle socket fire in the same turn, and the next request meets ECONNRESET.
  ;(server as unknown as { keepAliveTimeout: number }).keepAliveTimeout = 60_000
  const { port } = server.address() as AddressInfo
  return {
    base: `http://127.0.0.1:${port}`,
    deps,
    dir,
    close: () =>
      new Promise<void>((resolve) => {
        ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
        server.close(() => {
          deps.db.$client.close()
          deps.s?.db.$client.close()
          rmSync(dir, { recursive: true, force: true })
          resolve()
        })
      }),
  }
}
