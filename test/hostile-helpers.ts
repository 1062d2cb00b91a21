import { serve } from '@hono/node-server'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../src/app.js'
import { initialise, memoryDeps } from '../src/classic/bootstrap.js'
import type { Deps } from '../src/classic/deps.js'
import type { RuntimeConfig } from '../src/config.js'
import type { Deps as SDeps } from '../src/omeka-s/deps.js'
import { initialiseS, memoryDeps as memorySDeps } from '../src/omeka-s/bootstrap.js'

/**
 * Both flavours on their install's demo data (no ../shared): Classic at /api with its super user's key,
 * Omeka S at /s/api with its global admin's key, the control planes on.
 */
export interface HostileApp {
  deps: Deps
  s: SDeps
  app: ReturnType<typeof createApp>
  classicKey: string
  sKey: string
  dir: string
  request(path: string, init?: RequestInit): Promise<Response>
  /** A digest of every table of both databases and every stored file: equal digests, unchanged data. */
  fingerprint(): string
  close(): void
}

export async function hostileApp(config: Partial<RuntimeConfig> = {}): Promise<HostileApp> {
  const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-hostile-'))
  const deps = memoryDeps(join(dir, 'files'), { flavor: 'both', snapshotsDir: join(dir, 'snapshots'), ...config })
  const classicKey = initialise(deps, { empty: false })!
  const s = memorySDeps(join(dir, 'files-s'), deps.config, '/s')
  const key = (await initialiseS(s, { empty: false }))!
  const app = createApp({ config: deps.config, classic: deps, s })
  return {
    deps,
    app,
    classicKey,
    sKey: `key_identity=${key.identity}&key_credential=${key.credential}`,
    dir,
    request: (path, init) => Promise.resolve(app.request(`http://omeka.test${path}`, init)),
    s,
    fingerprint: () => fingerprint(deps, s, dir),
    close() {
      deps.db.$client.close()
      s.db.$client.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function fingerprint(deps: Deps, s: SDeps, dir: string): string {
  const hash = createHash('sha256')
  for (const db of [deps.db.$client, s.db.$client]) {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name",
      )
      .all() as { name: string }[]
    for (const { name } of tables) {
      hash.update(name)
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().iterate() as Iterable<unknown[]>)
        hash.update(JSON.stringify(row))
    }
  }
  const walk = (d: string) => {
    let names: string[] = []
    try {
      names = readdirSync(d).sort()
    } catch {
      return
    }
    for (const n of names) {
      const p = join(d, n)
      if (statSync(p).isDirectory()) walk(p)
      else hash.update(p).update(readFileSync(p))
    }
  }
  walk(dir)
  return hash.digest('hex')
}

/** The app on a real socket (127.0.0.1, a free port), for what only a connection shows. */
export async function listen(app: ReturnType<typeof createApp>): Promise<{ port: number; close(): Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
        server.close(() => resolve())
      }),
  }
}
