import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp, type AppDeps } from '../src/app.js'
import type { Deps as SDeps } from '../src/omeka-s/deps.js'
import { memoryDeps } from '../src/classic/bootstrap.js'
import type { RuntimeConfig } from '../src/config.js'
import type { Deps } from '../src/classic/deps.js'
import { loadFixture } from '../src/classic/fixtures/load.js'
import { memoryDeps as memorySDeps } from '../src/omeka-s/bootstrap.js'
import { loadFixture as loadSFixture } from '../src/omeka-s/fixtures/load.js'

/**
 * Listens on a free 127.0.0.1 port for an in-process test. The tests' fetch client shares this
 * process's event loop: when a test blocks the loop (an in-process export, big synchronous
 * comparisons) for longer than the server's keep-alive timeout (Node's 5 s, reached on a loaded
 * machine), the client reuses its idle socket and the overdue server timer then destroys that socket
 * under the new request: ECONNRESET. With no server-side idle timeout only the client closes idle
 * sockets, and it never closes one it is reusing (server.close() still closes idle ones).
 */
export async function listenLoopback(
  fetch: (req: Request, env: any) => Response | Promise<Response>,
): Promise<ServerType> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  ;(server as unknown as { keepAliveTimeout: number }).keepAliveTimeout = 0
  return server
}

/** The real Node server on a loopback port, for tests that need real sockets (latency, drops, CORS). */
export interface RealServer {
  base: string
  deps: Deps
  /** The Omeka S flavour's dependencies, when served. */
  s?: SDeps | undefined
  dir: string
  close(): Promise<void>
}

/**
 * Starts the app on 127.0.0.1 on a free port, on an in-memory database and a temp data dir. With
 * `config.flavor` 's' or 'both' the Omeka S flavour is served too (at '' or '/s'), loaded with `sFixture`.
 */
export async function startRealServer(
  fixture: string | null,
  config: Partial<RuntimeConfig> = {},
  sFixture: string | null = null,
): Promise<RealServer> {
  const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-real-'))
  // Classic is served unless `flavor: 's'` (its deps are still made: tests read them as `deps`).
  const deps = memoryDeps(join(dir, 'files'), { snapshotsDir: join(dir, 'snapshots'), ...config })
  if (fixture) loadFixture(deps, fixture)
  const app: AppDeps = { config: deps.config }
  if (config.flavor !== 's') app.classic = deps
  if (config.flavor === 's' || config.flavor === 'both') {
    app.s = memorySDeps(join(dir, 'files-s'), deps.config, config.flavor === 'both' ? '/s' : '')
    if (sFixture) loadSFixture(app.s, sFixture)
  }
  const server = await listenLoopback(createApp(app).fetch)
  const { port } = server.address() as AddressInfo
  return {
    base: `http://127.0.0.1:${port}`,
    deps,
    s: app.s,
    dir,
    close: () =>
      new Promise<void>((resolve) => {
        ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
        server.close(() => {
          deps.db.$client.close()
          app.s?.db.$client.close()
          rmSync(dir, { recursive: true, force: true })
          resolve()
        })
      }),
  }
}
