import { Hono } from 'hono'
import type { Db } from '../db/client.js'
import type { Deps } from '../deps.js'
import type { ClassicResource } from '../context.js'
import type { Extender } from '../extensions.js'
import { classicApi } from '../index.js'
import type { FixtureHooks } from '../fixtures/load.js'
import type { Plugin } from './plugin.js'
import { geolocationPlugin } from './geolocation/geolocation.plugin.js'
import { exhibitBuilderPlugin } from './exhibit-builder/exhibit-builder.plugin.js'

/** Every plugin omeka-twin has, in Omeka's load order (Geolocation's entries come first). */
export const PLUGINS: readonly Plugin[] = [geolocationPlugin, exhibitBuilderPlugin]
export const PLUGIN_NAMES = PLUGINS.map((p) => p.name)

/** The active plugins recorded in the database (they survive restarts, as in Omeka's `plugins` table). */
export function readActivePlugins(db: Db): Set<string> {
  const rows = db.$client.prepare<unknown[], { name: string }>('SELECT name FROM plugins WHERE active = 1').all()
  return new Set(rows.map((r) => r.name).filter((n) => PLUGIN_NAMES.includes(n)))
}

function writeActivePlugins(db: Db, names: Iterable<string>): void {
  const st = db.$client.prepare(
    'INSERT INTO plugins (name, active) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET active = 1',
  )
  for (const n of names) st.run(n)
}

/** Activates plugins by name (`serve --plugins`); unknown names are an error. */
export function activatePlugins(deps: Deps, names: readonly string[]): void {
  const unknown = names.filter((n) => !PLUGIN_NAMES.includes(n))
  if (unknown.length) throw new Error(`unknown plugin "${unknown[0]}" (known: ${PLUGIN_NAMES.join(', ')})`)
  writeActivePlugins(deps.db, names)
  deps.plugins.active = readActivePlugins(deps.db)
}

/** Deactivates a plugin whose tables are empty (an import's undo gives back the state it found); false when records remain. */
export function deactivateIfEmpty(deps: Deps, name: string): boolean {
  const plugin = PLUGINS.find((p) => p.name === name)
  if (!plugin) return false
  if (plugin.fixture.tables.some((t) => deps.db.$client.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get())) return false
  deps.db.$client.prepare('UPDATE plugins SET active = 0 WHERE name = ?').run(name)
  deps.plugins.active = readActivePlugins(deps.db)
  return true
}

/** The fixture files the active plugins contribute (what `export` writes), in plugin order. */
export function activePluginFiles(deps: Deps): string[] {
  return PLUGINS.filter((p) => deps.plugins.active.has(p.name)).flatMap((p) => p.fixture.files)
}

/** next_ids.json names of every plugin id counter → table. */
export const PLUGIN_COUNTERS: Readonly<Record<string, string>> = Object.assign(
  {},
  ...PLUGINS.map((p) => p.fixture.counters),
)

/** Each plugin's contribution to `extended_resources`, only while it is active. */
export function pluginExtenders(): Extender[] {
  return PLUGINS.map(
    (p) => (req, resource, id) => (req.deps.plugins.active.has(p.name) ? p.extender(req, resource, id) : undefined),
  )
}

/**
 * Fixture loading for the plugins: their files are validated with the rest, their tables wiped, and
 * a plugin whose files the fixture has becomes active (one without them becomes inactive).
 */
export function pluginFixtureHooks(deps: Deps): FixtureHooks {
  return {
    tables: ['plugins', ...PLUGINS.flatMap((p) => p.fixture.tables)],
    validate(fx) {
      for (const p of PLUGINS) p.fixture.validate(fx)
    },
    insert(db, fx) {
      const active = PLUGINS.filter((p) => p.fixture.insert(db, fx)).map((p) => p.name)
      writeActivePlugins(db, active)
      deps.plugins.active = new Set(active)
    },
  }
}

/**
 * The Classic API with the active plugins' resources. Activation changes with a reset, so one router
 * per combination of active plugins is built on first use and the request goes to the current one.
 */
export function classicApiWithPlugins(deps: Deps, extra: readonly ClassicResource[] = []): Hono {
  const routers = new Map<string, Hono>()
  const current = () => {
    const active = PLUGINS.filter((p) => deps.plugins.active.has(p.name))
    const key = active.map((p) => p.name).join(',')
    let api = routers.get(key)
    if (!api) {
      api = classicApi(deps, [...active.flatMap((p) => p.resources), ...extra])
      routers.set(key, api)
    }
    return api
  }
  const api = new Hono()
  api.all('*', (c) => current().fetch(c.req.raw, c.env))
  return api
}
