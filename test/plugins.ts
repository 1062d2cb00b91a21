import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pluginFixtureHooks } from '../src/classic/plugins/index.js'
import { ORIGIN, SHARED, testApp, type TestApp } from './helpers.js'

/** The Geolocation + ExhibitBuilder suite recorded from real Omeka (shared/conformance/classic-plugins). */
export const PLUGINS_SUITE = join(SHARED, 'conformance/classic-plugins')
export const PLUGINS_FIXTURE = join(PLUGINS_SUITE, 'fixture')
export const PLUGINS_FIXTURE_FRESH = join(PLUGINS_SUITE, 'fixture-fresh')
/** The super user's key in that suite's fixtures. */
export const PLUGINS_SUPER_KEY = '84848484848484848484848484848484848a0001'
const RECORDED_ORIGIN = 'http://127.0.0.1:8084'

/** The real app on :memory: with a fixture loaded the way `/__admin/reset` loads it (plugins included). */
export function pluginTestApp(fixture: string = PLUGINS_FIXTURE): TestApp {
  return testApp(fixture, pluginFixtureHooks)
}

interface PluginCase {
  request: { method: string; url: string; headers: Record<string, string>; body: string | null }
  response: { status: number; headers: Record<string, string>; body: string }
}

/** A case of the plugins suite by number, its recorded origin rewritten to the test app's. */
export function pluginCase(no: number): PluginCase {
  const dir = join(PLUGINS_SUITE, 'cases')
  const name = readdirSync(dir).find((f) => f.startsWith(`${String(no).padStart(3, '0')}-`))
  if (!name) throw new Error(`no recorded plugins case ${no}`)
  const swap = (s: string) =>
    s
      .split(RECORDED_ORIGIN.replace(/\//g, '\\/'))
      .join(ORIGIN.replace(/\//g, '\\/'))
      .split(RECORDED_ORIGIN)
      .join(ORIGIN)
  const c = JSON.parse(readFileSync(join(dir, name), 'utf8')) as PluginCase
  return {
    request: c.request,
    response: {
      ...c.response,
      headers: Object.fromEntries(Object.entries(c.response.headers).map(([k, v]) => [k, swap(v)])),
      body: swap(c.response.body ?? ''),
    },
  }
}

/** Replays a recorded case and returns the app's answer next to real Omeka's (status, type, exact body, paging headers). */
export async function replayPluginCase(t: TestApp, no: number) {
  const c = pluginCase(no)
  const init: RequestInit = {
    method: c.request.method,
    headers: c.request.headers,
    ...(c.request.body !== null ? { body: c.request.body } : {}),
  }
  const res = await t.request(c.request.url, init)
  const headers = (r: (h: string) => string | null | undefined) =>
    Object.fromEntries(['Content-Type', 'Omeka-Total-Results', 'Link', 'Location'].map((h) => [h, r(h) ?? null]))
  return {
    actual: { status: res.status, headers: headers((h) => res.headers.get(h)), body: await res.text() },
    expected: { status: c.response.status, headers: headers((h) => c.response.headers[h]), body: c.response.body },
  }
}
