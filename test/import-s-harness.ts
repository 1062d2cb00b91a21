import type { ServerType } from '@hono/node-server'
import { listenLoopback } from './real-server.js'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { memoryDeps as memorySDeps } from '../src/omeka-s/bootstrap.js'
import type { Deps as SDeps } from '../src/omeka-s/deps.js'
import { loadFixture as loadSFixture } from '../src/omeka-s/fixtures/load.js'
import { createApi as sApp } from '../src/omeka-s/index.js'
import { ImportJobs as SImportJobs } from '../src/omeka-s/importer/jobs.js'
import { Hono } from 'hono'
import { afterEach, expect } from 'vitest'
import { SHARED } from './helpers.js'
import { rng, type Faults } from './import-harness.js'

export const S_FIXTURE = join(SHARED, 'conformance/s/fixture')
export const S_FIXTURE_FRESH = join(SHARED, 'conformance/s/fixture-fresh')

/** The S fixtures' global admin key (keys.json, user 1). */
export const S_ADMIN = (() => {
  const k = (
    JSON.parse(readFileSync(join(S_FIXTURE, 'keys.json'), 'utf8')) as {
      user_id: number
      key_identity: string
      key_credential: string
    }[]
  ).find((x) => x.user_id === 1)!
  return { identity: k.key_identity, credential: k.key_credential }
})()
export const S_ADMIN_QUERY = `key_identity=${S_ADMIN.identity}&key_credential=${S_ADMIN.credential}`

export interface SSite {
  deps: SDeps
  base: string
  jobs: SImportJobs
  /** Requests answered (path and query, keys removed), failed ones included. */
  log: string[]
  /** Requests answered with an injected fault. */
  readonly faulted: number
  get(path: string): Promise<any>
  close(): Promise<void>
}

/**
 * A real Omeka S flavour omeka-twin on a loopback port, loaded with a fixture; its import jobs run
 * inline. With `faults`, a share of its requests fail as in the Classic harness (500, 429 with
 * Retry-After, dropped connections), after a random latency, from a seeded sequence.
 */
export async function startSSite(
  fixture: string,
  faults?: Faults,
  rewrite?: (path: string, body: unknown) => unknown,
): Promise<SSite> {
  const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-s-'))
  const deps = memorySDeps(join(dir, 'files'))
  loadSFixture(deps, fixture)
  const jobs = new SImportJobs(deps, { inline: true, client: { baseDelayMs: 5, maxDelayMs: 50 } })
  const app = sApp(deps, jobs)
  const log: string[] = []
  const random = rng(faults?.seed ?? 42)
  const state = { faulted: 0 }
  const outer = new Hono<{ Bindings: { incoming: { socket: { destroy(): void } } } }>()
  outer.all('*', async (c) => {
    const url = new URL(c.req.url)
    log.push(`${c.req.method} ${url.pathname}${url.search.replace(/key_(identity|credential)=[^&]*&?/g, '')}`)
    if (faults?.latencyMs) await new Promise((r) => setTimeout(r, random() * faults.latencyMs!))
    if (faults && random() < faults.rate) {
      state.faulted++
      const kind = random()
      if (kind < 0.4) return c.json({ errors: { error: 'boom' } }, 500)
      if (kind < 0.7) return c.json({ errors: { error: 'slow down' } }, 429, { 'Retry-After': '0' })
      c.env.incoming.socket.destroy()
      return new Response(null, { status: 500 })
    }
    const res = await app.fetch(c.req.raw)
    if (!rewrite || !res.headers.get('Content-Type')?.includes('json')) return res
    // A hostile origin: the answer's JSON as `rewrite` changes it, headers (paging, version) kept.
    const headers = new Headers(res.headers)
    headers.delete('Content-Length')
    const body = JSON.stringify(rewrite(url.pathname, await res.json()))
    return new Response(body, { status: res.status, headers })
  })
  const server: ServerType = await listenLoopback(outer.fetch)
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    deps,
    base,
    jobs,
    log,
    get faulted() {
      return state.faulted
    },
    async get(path) {
      const res = await fetch(`${base}${path}${path.includes('?') ? '&' : '?'}${S_ADMIN_QUERY}`)
      return res.json()
    },
    close: () =>
      new Promise<void>((resolve) => {
        jobs.interruptAll()
        server.close(() => {
          deps.db.$client.close()
          rmSync(dir, { recursive: true, force: true })
          resolve()
        })
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      }),
  }
}

/** A JSON write to an S site as its global admin. */
export async function post(
  site: SSite,
  path: string,
  body: unknown,
  method = 'POST',
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${site.base}${path}?${S_ADMIN_QUERY}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}

/** POST /api/imports on the target for an S origin, with the admin key. */
export const startImport = (target: SSite, origin: SSite, extra: Record<string, unknown> = {}) =>
  post(target, '/api/imports', {
    endpoint: `${origin.base}/api`,
    key_identity: S_ADMIN.identity,
    key_credential: S_ADMIN.credential,
    ...extra,
  })

/** A fixture file of the S fixture. */
export const fixture = (name: string) => JSON.parse(readFileSync(join(S_FIXTURE, `${name}.json`), 'utf8')) as any[]

/** The data of a representation (what the fixture README calls data), with the origin's host removed. */
export function data(rep: any, base: string): any {
  const { '@reverse': _r, thumbnail_display_urls: _d, 'o:original_url': _o, 'o:thumbnail_urls': _u, ...rest } = rep
  return JSON.parse(JSON.stringify(rest).split(base).join('BASE').split('http://127.0.0.1:8085').join('BASE'))
}

/** Sites a test file starts, closed after each test; `pair()` gives an origin with the S fixture and a fresh target. */
export function useSites(): {
  track(site: SSite): SSite
  pair(faults?: Faults): Promise<{ origin: SSite; target: SSite }>
} {
  let sites: SSite[] = []
  afterEach(async () => {
    await Promise.all(sites.map((s) => s.close()))
    sites = []
  })
  const track = (site: SSite) => (sites.push(site), site)
  return {
    track,
    pair: async (faults) => ({
      origin: track(await startSSite(S_FIXTURE, faults)),
      target: track(await startSSite(S_FIXTURE_FRESH)),
    }),
  }
}

/** What an S → S mirror reproduces record for record. */
export const MIRRORED = ['assets', 'item_sets', 'items', 'media', 'sites', 'site_pages'] as const

/** Every record of a kind on both sides must have the same data (mirror mode keeps ids). */
export async function expectMirror(origin: SSite, target: SSite) {
  for (const kind of MIRRORED) {
    const want = await origin.get(`/api/${kind}?per_page=100`)
    const got = await target.get(`/api/${kind}?per_page=100`)
    expect(
      got.map((x: any) => x['o:id']),
      kind,
    ).toEqual(want.map((x: any) => x['o:id']))
    want.forEach((rep: any, i: number) =>
      expect(data(got[i], target.base), `${kind} ${rep['o:id']}`).toEqual(data(rep, origin.base)),
    )
  }
}
