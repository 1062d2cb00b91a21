import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createApp } from '../src/app.js'
import { memoryDeps } from '../src/classic/bootstrap.js'
import type { Deps } from '../src/classic/deps.js'
import { loadFixture, type FixtureHooks } from '../src/classic/fixtures/load.js'

/**
 * The ground truth the tests read: fixtures and cases recorded from real Omeka, copied from ../shared
 * into the repository (same relative paths) so a clone with nothing beside it passes `npm test`.
 */
export const SHARED = resolve(fileURLToPath(new URL('./fixtures/shared', import.meta.url)))
export const CLASSIC_FIXTURE = join(SHARED, 'conformance/classic/fixture')
export const CLASSIC_FIXTURE_FRESH = join(SHARED, 'conformance/classic/fixture-fresh')

/** The fixture's API keys, by role (shared/conformance/classic/fixture/keys.json). */
export const KEYS = {
  super: '5f1c0ffee5f1c0ffee5f1c0ffee5f1c0ffee0001',
  admin: '5f1c0ffee5f1c0ffee5f1c0ffee5f1c0ffee0002',
  contributor: '5f1c0ffee5f1c0ffee5f1c0ffee5f1c0ffee0003',
  researcher: '5f1c0ffee5f1c0ffee5f1c0ffee5f1c0ffee0004',
  contributor2: '5f1c0ffee5f1c0ffee5f1c0ffee5f1c0ffee0005',
} as const

export const ORIGIN = 'http://omeka.test'

export interface TestApp {
  deps: Deps
  /** Sends a request to the app as a client at ORIGIN would. */
  request(path: string, init?: RequestInit): Promise<Response>
  json(path: string, init?: RequestInit): Promise<{ status: number; body: any; res: Response }>
  close(): void
}

/**
 * The real app on an in-memory database with real migrations, loaded with a fixture (with `hooks`,
 * the way `/__admin/reset` loads it, e.g. the plugins' fixture hooks).
 */
export function testApp(fixture: string | null = CLASSIC_FIXTURE, hooks?: (deps: Deps) => FixtureHooks): TestApp {
  const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-test-'))
  const deps = memoryDeps(join(dir, 'files'))
  if (fixture) loadFixture(deps, fixture, hooks?.(deps))
  const app = createApp(deps)
  const request = (path: string, init?: RequestInit) => Promise.resolve(app.request(`${ORIGIN}${path}`, init))
  return {
    deps,
    request,
    async json(path, init) {
      const res = await request(path, init)
      const text = await res.text()
      let body: unknown = text
      try {
        body = text === '' ? null : JSON.parse(text)
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, body, res }
    },
    close() {
      deps.db.$client.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A JSON request body with the Content-Type Omeka clients send. */
export function jsonBody(method: string, body: unknown): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }
}
