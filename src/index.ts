// The programmatic API: `import { startOmekaTwin } from 'omeka-twin'` starts the server in the calling
// process (what a vitest/jest/Playwright suite wants instead of spawning a process).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createApp } from './app.js'
import { initialise, memoryDeps, openDataDir, SEED_DIR } from './classic/bootstrap.js'
import type { LogLevel } from './config.js'
import type { FaultRuleInput, FaultSetInput } from './control/faults/faults.schemas.js'
import type { Deps } from './classic/deps.js'
import type { RuntimeConfig } from './config.js'
import { ImportJobs } from './classic/importer/jobs.js'
import type { Deps as SDeps } from './omeka-s/deps.js'
import { accessLogger, listen } from './core/http/server.js'
import { initialiseS, memoryDeps as memorySDeps, openDataDir as openSDataDir } from './omeka-s/bootstrap.js'
import { activatePlugins, pluginFixtureHooks } from './classic/plugins/index.js'
import { startTemplate } from './control/start-templates.js'
import { linkTree } from './control/templates.js'
import type { SeedSummary } from './classic/synthetic/seed.js'

export type { FaultRuleInput, FaultSetInput } from './control/faults/faults.schemas.js'
export type { SeedSummary } from './classic/synthetic/seed.js'

/** Body of a seed (`POST /__admin/seed`): a deterministic synthetic site. */
export interface SeedInput {
  items?: number
  collections?: number
  /** Omeka S: item sets. */
  item_sets?: number
  files?: number
  private_ratio?: number
  seed?: number
  locations_ratio?: number
  exhibits?: number
}

export interface OmekaTwinOptions {
  /** `classic` (default): Omeka Classic 3.2.1 at /api; `s`: Omeka S 4.2.0 at /api. */
  flavor?: 'classic' | 's'
  /** A fixture directory to start from (absolute or relative to the working directory). */
  fixture?: string
  /** A synthetic site to start from instead (same options as `omeka-twin seed`). */
  seed?: SeedInput
  /** Start with Omeka's installed schema and one super user only (no demo data). */
  empty?: boolean
  /** Classic plugins to activate. */
  plugins?: ('geolocation' | 'exhibit-builder')[]
  /** Interface to bind; default 127.0.0.1. */
  host?: string
  /** Port; default 0 (a free one). */
  port?: number
  /** Keep the data in this directory; default: an in-memory database and a temporary file dir, gone after close(). */
  dataDir?: string
  /** Access log on stdout; default `silent`. */
  logLevel?: LogLevel
  /** More runtime settings (`baseUrl`, `maxUploadBytes`, `cors`, `journalSize`, ...). */
  config?: Partial<RuntimeConfig>
}

/** Fault injection, as `PUT/GET/DELETE /__admin/faults`. */
export interface Faults {
  /** Replaces the rules in force. */
  set(rules: FaultRuleInput[] | FaultSetInput): Promise<void>
  /** The rules in force, with how often each fired. */
  list(): Promise<unknown>
  /** Removes every rule. */
  clear(): Promise<void>
}

export interface OmekaTwin {
  /** The server's origin, e.g. `http://127.0.0.1:39123` (the API is at `${url}/api`). */
  url: string
  /**
   * API keys by user name. Classic: `{ admin: '40 hex' , ... }` (every user with a key, read after each
   * reset/seed). Omeka S: `'key_identity:key_credential'` of the keys made at start or by seed().
   */
  readonly keys: Record<string, string>
  /** Back to a fixture: the given one, else the starting state (start fixture, seed, or demo data). */
  reset(fixture?: string): Promise<void>
  /** Replaces the site with a synthetic one; answers what was made (users and their keys). */
  seed(options?: SeedInput): Promise<SeedSummary>
  faults: Faults
  /** Finishes requests in flight, stops listening, closes the databases, removes temporary data. */
  close(): Promise<void>
  /** The in-process dependencies (database handles, file store), for white-box assertions. */
  deps: Deps
  /** The Omeka S flavour's dependencies (`flavor: 's'`). */
  s?: SDeps | undefined
}

/** Starts omeka-twin in this process on a free loopback port, with the control plane on. */
export async function startOmekaTwin(options: OmekaTwinOptions = {}): Promise<OmekaTwin> {
  const flavor = options.flavor ?? 'classic'
  const temp = mkdtempSync(join(tmpdir(), 'omeka-twin-'))
  const config: RuntimeConfig = { control: true, maxUploadBytes: 100 * 1024 * 1024, ...options.config, flavor }
  const fixture = options.fixture ? resolve(options.fixture) : undefined
  // In memory from a fixture: the second start from it in this process copies the first one's result.
  const start = fixture && !options.dataDir ? startTemplate(flavor, fixture) : undefined
  const classicImage = flavor === 's' ? undefined : start?.template
  const deps = options.dataDir
    ? openDataDir(options.dataDir, config)
    : memoryDeps(join(temp, 'files'), { snapshotsDir: join(temp, 'snapshots'), ...config }, classicImage?.image)
  const sKeys: Record<string, string> = {}
  // Keys this twin made (first start, seed): stored hashed, so they are remembered here as they were shown.
  const madeKeys: Record<string, string> = {}
  let sDeps: SDeps | undefined
  try {
    if (flavor === 's') {
      sDeps = options.dataDir
        ? openSDataDir(options.dataDir, deps.config, '')
        : memorySDeps(join(temp, 'files-s'), deps.config, '', start?.template?.image)
      if (start?.template) linkTree(start.template.filesDir, sDeps.files.root)
      else {
        const key = await initialiseS(sDeps, { fixture, empty: Boolean(options.empty) })
        if (key) sKeys.Admin = `${key.identity}:${key.credential}`
        start?.keep(sDeps.db.$client, sDeps.files.root)
      }
    } else if (classicImage) {
      linkTree(classicImage.filesDir, deps.files.root)
    } else {
      const key = initialise(deps, { fixture, empty: Boolean(options.empty || options.seed) }, pluginFixtureHooks(deps))
      if (key) madeKeys.admin = key
      start?.keep(deps.db.$client, deps.files.root)
    }
    if (flavor !== 's' && options.plugins?.length) activatePlugins(deps, options.plugins)
  } catch (err) {
    deps.db.$client.close()
    sDeps?.db.$client.close()
    rmSync(temp, { recursive: true, force: true })
    throw err
  }
  const imports = flavor === 's' ? undefined : new ImportJobs(deps)
  const server = await listen(
    createApp({ config: deps.config, classic: flavor === 's' ? undefined : deps, classicImports: imports, s: sDeps })
      .fetch,
    { host: options.host ?? '127.0.0.1', port: options.port ?? 0, logger: accessLogger(options.logLevel ?? 'silent') },
  )
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${server.port}`

  const admin = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const res = await fetch(`${url}/__admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (res.status >= 400) throw new Error(`omeka-twin: ${method} /__admin${path}: ${res.status} ${await res.text()}`)
    return res
  }
  const seed = async (input: SeedInput = {}): Promise<SeedSummary> => {
    const summary = (await (await admin('POST', '/seed', input)).json()) as SeedSummary & {
      users: { name?: string; username?: string; key?: string; key_identity?: string; key_credential?: string }[]
    }
    if (flavor === 's') {
      for (const k of Object.keys(sKeys)) delete sKeys[k]
      for (const u of summary.users) sKeys[u.name ?? u.username ?? ''] = `${u.key_identity}:${u.key_credential}`
    } else {
      for (const k of Object.keys(madeKeys)) delete madeKeys[k]
      for (const u of summary.users) if (u.key) madeKeys[u.username ?? u.name ?? ''] = u.key
    }
    return summary
  }
  if (options.seed) await seed(options.seed)

  let closed: Promise<void> | null = null
  return {
    url,
    get keys() {
      if (flavor === 's') return { ...sKeys }
      const rows = deps.db.$client
        .prepare<unknown[], { username: string; key: string }>(
          'SELECT u.username, k.key FROM keys k JOIN users u ON u.id = k.user_id ORDER BY k.id',
        )
        .all()
      const keys: Record<string, string> = {}
      // A fixture's keys are stored as the fixture gives them (clear); keys made here are hashed in the database.
      for (const r of rows) if (!r.key.startsWith('sha256:')) keys[r.username] ??= r.key
      for (const [user, key] of Object.entries(madeKeys)) if (rows.some((r) => r.username === user)) keys[user] ??= key
      return keys
    },
    async reset(to?: string) {
      if (to === undefined && !fixture && options.seed) {
        await seed(options.seed)
        return
      }
      const dir = to ? resolve(to) : (fixture ?? join(SEED_DIR, options.empty ? 'install' : 'demo'))
      if (flavor === 's' && !to && !fixture)
        throw new Error('omeka-twin: reset() of an Omeka S twin needs a fixture directory')
      await admin('POST', '/reset', { fixture: dir })
      // The fixture's users and keys replace the ones made here.
      for (const k of Object.keys(madeKeys)) delete madeKeys[k]
    },
    seed,
    faults: {
      async set(rules) {
        await admin('PUT', '/faults', rules)
      },
      async list() {
        return (await admin('GET', '/faults')).json()
      },
      async clear() {
        await admin('DELETE', '/faults')
      },
    },
    close() {
      closed ??= (async () => {
        await server.drain()
        imports?.interruptAll()
        deps.db.$client.close()
        sDeps?.db.$client.close()
        rmSync(temp, { recursive: true, force: true })
      })()
      return closed
    },
    deps,
    s: sDeps,
  }
}
