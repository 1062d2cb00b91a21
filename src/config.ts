import { resolve } from 'node:path'
import * as z from 'zod'
import type { FaultSet } from './control/faults/faults.schemas.js'
import type { CorsConfig } from './core/http/cors.js'
import { LIMITS } from './core/http/limits.js'

/** pino's levels, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]
import { isLoopbackHost } from './core/http/loopback.js'

/** `serve` options after parsing; the only place that reads process.env (OMEKA_TWIN_*). */
export const serveOptionsSchema = z.object({
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  data: z.string().min(1),
  control: z.boolean(),
  /** The bearer token of the control plane; required when `--control` listens beyond loopback. */
  controlToken: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Imports: hosts besides the origin's own that file URLs may point to (comma-separated). */
  allowFileHost: z.string().min(1).optional(),
  flavor: z.enum(['classic', 's', 'both']).default('classic'),
  fixture: z.string().optional(),
  empty: z.boolean(),
  baseUrl: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
    .optional(),
  maxUpload: z.coerce.number().int().positive(),
  /** Plugins to activate (`--plugins geolocation,exhibit-builder`); a fixture with plugin files activates them too. */
  plugins: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== ''),
    )
    .pipe(z.array(z.enum(['geolocation', 'exhibit-builder'])))
    .default([]),
  /** A JSON file of fault rules in force from the start (the body of PUT /__admin/faults). */
  faults: z.string().min(1).optional(),
  /** Browser origins allowed by CORS on /api and /files: comma-separated, or `*`. */
  corsOrigins: z.string().min(1).optional(),
  /** Reproduce real Omeka's deliberate-difference bugs (docs/compatibility.md) instead of the sane behaviour. */
  bugCompat: z.boolean().default(false),
  /** How many requests the control plane's journal keeps. */
  journalSize: z.coerce.number().int().min(0).max(1_000_000).optional(),
  /** Access log level (pino); `silent` turns the log off. */
  logLevel: z.enum(LOG_LEVELS),
})
export type ServeOptions = z.infer<typeof serveOptionsSchema>
type Option = keyof ServeOptions

export const DEFAULT_MAX_UPLOAD = LIMITS.maxUploadBytes

/** The origin the shipped fixtures were recorded from; used in exported `url`s unless told otherwise. */
export const DEFAULT_EXPORT_ORIGIN = 'http://127.0.0.1:8081'

/** Each `serve` option: its flag, its environment variable and its default. Flags win over the environment, which wins over defaults. */
export const SERVE_SETTINGS: Record<Option, { flag: string; env: string; default?: unknown }> = {
  host: { flag: '--host', env: 'OMEKA_TWIN_HOST', default: '127.0.0.1' },
  port: { flag: '--port', env: 'OMEKA_TWIN_PORT', default: 8080 },
  data: { flag: '--data', env: 'OMEKA_TWIN_DATA', default: './data' },
  flavor: { flag: '--flavor', env: 'OMEKA_TWIN_FLAVOR', default: 'classic' },
  control: { flag: '--control', env: 'OMEKA_TWIN_CONTROL', default: false },
  controlToken: { flag: '--control-token', env: 'OMEKA_TWIN_CONTROL_TOKEN' },
  fixture: { flag: '--fixture', env: 'OMEKA_TWIN_FIXTURE' },
  empty: { flag: '--empty', env: 'OMEKA_TWIN_EMPTY', default: false },
  baseUrl: { flag: '--base-url', env: 'OMEKA_TWIN_BASE_URL' },
  maxUpload: { flag: '--max-upload', env: 'OMEKA_TWIN_MAX_UPLOAD', default: DEFAULT_MAX_UPLOAD },
  plugins: { flag: '--plugins', env: 'OMEKA_TWIN_PLUGINS' },
  faults: { flag: '--faults', env: 'OMEKA_TWIN_FAULTS' },
  corsOrigins: { flag: '--cors-origin', env: 'OMEKA_TWIN_CORS_ORIGINS' },
  journalSize: { flag: '--journal-size', env: 'OMEKA_TWIN_JOURNAL_SIZE' },
  logLevel: { flag: '--log-level', env: 'OMEKA_TWIN_LOG_LEVEL', default: 'info' },
  allowFileHost: { flag: '--allow-file-host', env: 'OMEKA_TWIN_ALLOW_FILE_HOSTS' },
  bugCompat: { flag: '--bug-compat', env: 'OMEKA_TWIN_BUG_COMPAT', default: false },
}

/** Where each effective option came from, for the start-up line. */
export type OptionSources = Partial<Record<Option, 'flag' | 'env' | 'default'>>

const BOOLEAN: ReadonlySet<Option> = new Set(['control', 'empty', 'bugCompat'])

/** `1/true/yes/on` and `0/false/no/off` (any case); anything else is an error naming the variable. */
function envBoolean(name: string, value: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true
  if (/^(0|false|no|off|)$/i.test(value)) return false
  throw new Error(`invalid ${name}: must be 1 or 0 (true or false)`)
}

/** The camelCase key commander gives a flag (`--cors-origin` → corsOrigin). */
const flagKey = (flag: string) => flag.replace(/^--/, '').replace(/-(\w)/g, (_, ch: string) => ch.toUpperCase())

/** Resolves every `serve` option from flags, then the environment, then defaults; validates; says where each came from. */
export function resolveServeConfig(
  flags: Record<string, unknown>,
  env: NodeJS.ProcessEnv = process.env,
): { options: ServeOptions; sources: OptionSources } {
  const merged: Record<string, unknown> = {}
  const sources: OptionSources = {}
  for (const [option, s] of Object.entries(SERVE_SETTINGS) as [Option, (typeof SERVE_SETTINGS)[Option]][]) {
    const fromFlag = flags[flagKey(s.flag)]
    const fromEnv = env[s.env]
    if (fromFlag !== undefined) {
      merged[option] = fromFlag
      sources[option] = 'flag'
    } else if (fromEnv !== undefined && (fromEnv !== '' || BOOLEAN.has(option))) {
      merged[option] = BOOLEAN.has(option) ? envBoolean(s.env, fromEnv) : fromEnv
      sources[option] = 'env'
    } else if (s.default !== undefined) {
      merged[option] = s.default
      sources[option] = 'default'
    }
  }
  const res = serveOptionsSchema.safeParse(merged)
  if (!res.success) {
    const issue = res.error.issues[0]!
    const option = issue.path[0] as Option | undefined
    const name = option
      ? sources[option] === 'env'
        ? SERVE_SETTINGS[option].env
        : SERVE_SETTINGS[option].flag
      : 'option'
    throw new Error(`invalid ${name}: ${issue.message}`)
  }
  // Anyone who can reach the control plane can replace all data: off loopback it must be asked for a token.
  if (res.data.control && !res.data.controlToken && !isLoopbackHost(res.data.host)) {
    throw new Error(`--control on a non-loopback address (${res.data.host}) requires --control-token`)
  }
  return { options: res.data, sources }
}

/** Merges environment defaults under the command-line flags, then validates. */
export function resolveServeOptions(
  flags: Record<string, unknown>,
  env: NodeJS.ProcessEnv = process.env,
): ServeOptions {
  return resolveServeConfig(flags, env).options
}

/** A URL with any user:password and key query parameters replaced by `***`. */
function redactUrl(url: string): string {
  return url.replace(/\/\/[^/@]*@/, '//***@').replace(/([?&](?:key|key_identity|key_credential)=)[^&]*/g, '$1***')
}

/** The effective configuration as one line (`serve` prints it at start): each option with its source; secrets redacted. */
export function describeConfig(options: ServeOptions, sources: OptionSources): string {
  const shown = (option: Option, value: unknown): string => {
    if (value === undefined) return ''
    const v =
      option === 'data'
        ? resolve(String(value))
        : option === 'baseUrl'
          ? redactUrl(String(value))
          : Array.isArray(value)
            ? value.join(',') || '(none)'
            : String(value)
    const from = sources[option] === 'env' ? `env ${SERVE_SETTINGS[option].env}` : (sources[option] ?? 'default')
    return `${SERVE_SETTINGS[option].flag.slice(2)}=${v} (${from})`
  }
  return (Object.keys(SERVE_SETTINGS) as Option[])
    .map((o) => shown(o, options[o]))
    .filter((s) => s !== '')
    .join(', ')
}

/** The data directory of the one-shot commands (seed, export): `--data`, else OMEKA_TWIN_DATA, else ./data. */
export function resolveDataDir(flag: unknown, env: NodeJS.ProcessEnv = process.env): string {
  return typeof flag === 'string' && flag !== '' ? flag : env.OMEKA_TWIN_DATA || './data'
}

/** How the server runs, whichever flavours it serves (built from the CLI/env options in src/config.ts). */
export interface RuntimeConfig {
  /** Which API is served: Omeka Classic (default), Omeka S, or both (S under /s). */
  flavor?: 'classic' | 's' | 'both' | undefined
  /** Overrides the origin used in absolute URLs (default: the request's Host). */
  baseUrl?: string | undefined
  /** Serve /__admin (never in production). */
  control: boolean
  /** Largest accepted upload, in bytes. */
  maxUploadBytes: number
  /** Fault rules in force from the start (`serve --faults rules.json`). */
  faults?: FaultSet | undefined
  /** Browser origins allowed to call /api and /files (CORS); absent: no CORS headers. */
  cors?: CorsConfig | undefined
  /** How many requests the journal keeps (default 1000; 0 turns it off). */
  journalSize?: number | undefined
  /**
   * Bug-compatible mode (`--bug-compat`, OMEKA_TWIN_BUG_COMPAT=1, control setting `bug_compat`): reproduce
   * each deliberate difference of docs/compatibility.md exactly as real Omeka does. Mutable at run time.
   */
  bugCompat?: boolean | undefined
  /** With --control: the bearer token every control-plane request must carry (required off loopback). */
  controlToken?: string | undefined
  /** Imports: hosts besides the origin's own that file URLs may point to (`--allow-file-host`). */
  allowFileHosts?: readonly string[] | undefined
  /** Where snapshots are kept (default: `snapshots/` beside the file store). */
  snapshotsDir?: string | undefined
}
