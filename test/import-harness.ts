import type { ServerType } from '@hono/node-server'
import { listenLoopback } from './real-server.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { Hono } from 'hono'
import { createApp } from '../src/app.js'
import { memoryDeps } from '../src/classic/bootstrap.js'
import type { Deps } from '../src/classic/deps.js'
import { loadFixture } from '../src/classic/fixtures/load.js'
import { ImportJobs } from '../src/classic/importer/jobs.js'
import { pluginFixtureHooks } from '../src/classic/plugins/index.js'
import { CLASSIC_FIXTURE, CLASSIC_FIXTURE_FRESH, ORIGIN } from './helpers.js'

export interface Faults {
  /** Share of API requests that fail (500, 429 with Retry-After, or a dropped connection). */
  rate: number
  latencyMs?: number
  seed?: number
}

export interface Origin {
  deps: Deps
  endpoint: string
  /** Requests the origin answered, failed ones included. */
  log: string[]
  faulted: number
  close(): Promise<void>
}

/** A deterministic pseudo-random sequence, so fault tests fail the same way every time. */
export function rng(seed: number) {
  let s = seed >>> 0
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32
}

/** A second real omeka-twin on a loopback port, loaded with the conformance fixture, optionally faulty. */
export async function startOrigin(faults?: Faults, fixture = CLASSIC_FIXTURE): Promise<Origin> {
  const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-origin-'))
  const deps = memoryDeps(join(dir, 'files'))
  loadFixture(deps, fixture, pluginFixtureHooks(deps))
  const inner = createApp(deps)
  const log: string[] = []
  const random = rng(faults?.seed ?? 42)
  const state = { faulted: 0, closed: false }
  const outer = new Hono<{ Bindings: { incoming: { socket: { destroy(): void } } } }>()
  outer.all('*', async (c) => {
    log.push(`${c.req.method} ${new URL(c.req.url).pathname}${new URL(c.req.url).search.replace(/key=[^&]*/, 'key=…')}`)
    if (faults?.latencyMs) await new Promise((r) => setTimeout(r, random() * faults.latencyMs!))
    if (faults && random() < faults.rate) {
      state.faulted++
      const kind = random()
      if (kind < 0.4) return c.json({ message: 'boom' }, 500)
      if (kind < 0.7) return c.json({ message: 'slow down' }, 429, { 'Retry-After': '0' })
      c.env.incoming.socket.destroy()
      return new Response(null, { status: 500 })
    }
    if (state.closed) return new Response(null, { status: 503 })
    return inner.fetch(c.req.raw)
  })
  const server: ServerType = await listenLoopback(outer.fetch)
  const port = (server.address() as AddressInfo).port
  return {
    deps,
    endpoint: `http://127.0.0.1:${port}/api`,
    log,
    get faulted() {
      return state.faulted
    },
    close: () =>
      new Promise<void>((resolve) => {
        state.closed = true
        server.close(() => {
          deps.db.$client.close()
          rmSync(dir, { recursive: true, force: true })
          resolve()
        })
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      }),
  }
}

export interface Target {
  deps: Deps
  jobs: ImportJobs
  json(path: string, init?: RequestInit): Promise<{ status: number; body: any }>
  close(): void
}

/** The import target: a fresh-install omeka-twin whose import jobs run inline (POST returns when done). */
export function startTarget(fixture = CLASSIC_FIXTURE_FRESH, inline = true): Target {
  const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-target-'))
  const deps = memoryDeps(join(dir, 'files'))
  loadFixture(deps, fixture, pluginFixtureHooks(deps))
  const jobs = new ImportJobs(deps, { inline, client: { baseDelayMs: 5, maxDelayMs: 50 } })
  const app = createApp({ config: deps.config, classic: deps, classicImports: jobs })
  return {
    deps,
    jobs,
    async json(path, init) {
      const res = await app.request(`${ORIGIN}${path}`, init)
      const text = await res.text()
      return { status: res.status, body: text ? JSON.parse(text) : null }
    },
    close() {
      jobs.interruptAll()
      deps.db.$client.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
