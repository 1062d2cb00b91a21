import { z } from 'zod'
import { isLoopbackHost } from './control/control.guard.js'

/** `serve` options after parsing; the only place that reads process.env (OMEKA_TWIN_*). */
export const serveOptionsSchema = z.object({
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  data: z.string().min(1),
  control: z.boolean(),
  /** The bearer token of the control plane; required when `--control` listens beyond loopback. */
  controlToken: z.string().min(16, 'must be at least 16 characters').optional(),
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
    .transform((s) => s.split(',').map((n) => n.trim()).filter((n) => n !== ''))
    .pipe(z.array(z.enum(['geolocation', 'exhibit-builder'])))
    .default([]),
  /** A JSON file of fault rules in force from the start (the body of PUT /__admin/faults). */
  faults: z.string().min(1).optional(),
  /** Browser origins allowed by CORS on /api and /files: comma-separated, or `*`. */
  corsOrigins: z.string().min(1).optional(),
  /** How many requests the control plane's journal keeps. */
  journalSize: z.coerce.number().int().min(0).max(1_000_000).optional(),
})
export type ServeOptions = z.infer<typeof serveOptionsSchema>

export const DEFAULT_MAX_UPLOAD = 100 * 1024 * 1024

/** The origin the shipped fixtures were recorded from; used in exported `url`s unless told otherwise. */
export const DEFAULT_EXPORT_ORIGIN = 'http://127.0.0.1:8081'

/** Merges environment defaults under the command-line flags, then validates. */
export function resolveServeOptions(flags: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const merged = {
    host: flags.host ?? env.OMEKA_TWIN_HOST ?? '127.0.0.1',
    port: flags.port ?? env.OMEKA_TWIN_PORT ?? 8080,
    data: flags.data ?? env.OMEKA_TWIN_DATA ?? './data',
    control: Boolean(flags.control ?? env.OMEKA_TWIN_CONTROL === '1'),
    controlToken: flags.controlToken ?? env.OMEKA_TWIN_CONTROL_TOKEN,
    flavor: flags.flavor ?? env.OMEKA_TWIN_FLAVOR,
    fixture: flags.fixture,
    empty: Boolean(flags.empty),
    baseUrl: flags.baseUrl ?? env.OMEKA_TWIN_BASE_URL,
    maxUpload: flags.maxUpload ?? env.OMEKA_TWIN_MAX_UPLOAD ?? DEFAULT_MAX_UPLOAD,
    plugins: flags.plugins ?? env.OMEKA_TWIN_PLUGINS,
    faults: flags.faults ?? env.OMEKA_TWIN_FAULTS,
    corsOrigins: flags.corsOrigin ?? env.OMEKA_TWIN_CORS_ORIGINS,
    journalSize: flags.journalSize ?? env.OMEKA_TWIN_JOURNAL_SIZE,
  }
  const res = serveOptionsSchema.safeParse(Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)))
  if (!res.success) {
    const issue = res.error.issues[0]!
    throw new Error(`invalid --${String(issue.path[0] ?? 'option')}: ${issue.message}`)
  }
  // Anyone who can reach the control plane can replace all data: off loopback it must be asked for a token.
  if (res.data.control && !res.data.controlToken && !isLoopbackHost(res.data.host)) {
    throw new Error(`--control on a non-loopback address (${res.data.host}) requires --control-token`)
  }
  return res.data
}

/** The data directory of the one-shot commands (seed, export): `--data`, else OMEKA_TWIN_DATA, else ./data. */
export function resolveDataDir(flag: unknown, env: NodeJS.ProcessEnv = process.env): string {
  return typeof flag === 'string' && flag !== '' ? flag : env.OMEKA_TWIN_DATA || './data'
}
