import { serve, type ServerType } from '@hono/node-server'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { memorySDeps } from '../src/omeka-s/bootstrap.js'
import type { SDeps } from '../src/omeka-s/deps.js'
import { loadSFixture } from '../src/omeka-s/fixtures/load.js'
import { sApp } from '../src/omeka-s/index.js'
import { SImportJobs } from '../src/omeka-s/importer/jobs.js'
import { SHARED } from './helpers.js'

export const S_FIXTURE = join(SHARED, 'conformance/s/fixture')
export const S_FIXTURE_FRESH = join(SHARED, 'conformance/s/fixture-fresh')

/** The S fixtures' global admin key (keys.json, user 1). */
export const S_ADMIN = (() => {
  const k = (JSON.parse(readFileSync(join(S_FIXTURE, 'keys.json'), 'utf8')) as { user_id: number; key_identity: string; key_credential: string }[]).find((x) => x.user_id === 1)!
  return { identity: k.key_identity, credential: k.key_credential }
})()
export const S_ADMIN_QUERY = `key_identity=${S_ADMIN.identity}&key_credential=${S_ADMIN.credential}`

export interface SSite {
  deps: SDeps
  base: string
  jobs: SImportJobs
  get(path: string): Promise<any>
  close(): Promise<void>
}

/** A real Omeka S flavour omeka-twin on a loopback port, loaded with a fixture; its import jobs run inline. */
export async function startSSite(fixture: string): Promise<SSite> {
  const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-s-'))
  const deps = memorySDeps(join(dir, 'files'))
  loadSFixture(deps, fixture)
  const jobs = new SImportJobs(deps, { inline: true, client: { baseDelayMs: 5, maxDelayMs: 50 } })
  const app = sApp(deps, jobs)
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    deps,
    base,
    jobs,
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
