import { canonicalOrigin, normalizeEndpoint, NO_SCHEME, type OriginKey } from '../../core/import/origin.js'
import type { PreflightResult, StartRequest } from '../../core/import/port.js'
import { originClient, type ClientOptions } from '../../core/import/remote-client.js'
import { preflight as preflightClassic } from '../../core/import/classic-origin/preflight.js'
import { sameServer } from '../../core/import/origin-policy.js'

/** Checks an Omeka S origin: reachable, an S API (Omeka-S-Version), and a key that authenticates. */
async function preflightS(
  raw: string,
  key: OriginKey,
  self: string | null,
  client: Partial<ClientOptions>,
): Promise<PreflightResult> {
  const first = normalizeEndpoint(raw)
  if (!first) return { ok: false, message: NO_SCHEME }
  let last = `Error accessing the API at ${first}, check that you have the right URL`
  let requests = 0
  for (const endpoint of /\/api$/i.test(first) ? [first] : [first, `${first}/api`]) {
    if (self && (canonicalOrigin(endpoint) === canonicalOrigin(self) || (await sameServer(endpoint, self))))
      return { ok: false, message: 'You cannot import a site into itself' }
    const c = originClient(endpoint, key, { timeoutMs: 10_000, maxAttempts: 2, baseDelayMs: 100, ...client })
    const r = await c.getJson(c.apiUrl(key ? 'users' : 'items', { per_page: '1' }))
    requests += c.stats.requests
    if (!r.ok && r.error.status === null) return { ok: false, message: `Unable to connect to ${endpoint}` }
    if (r.ok && r.value.headers.get('Omeka-S-Version'))
      return { ok: true, endpoint, origin: `s:${canonicalOrigin(endpoint)}`, omekaUrl: null, fromFlavor: 's', requests }
    const classic = await classicVersion(c)
    if (classic)
      return {
        ok: false,
        message: `${endpoint} is an Omeka Classic ${classic} API, not Omeka S: import it with --from-flavor classic`,
      }
    if (!r.ok && r.error.status === 403) return { ok: false, message: 'The provided API key was invalid' }
    const down = !r.ok && (r.error.status === 429 || (r.error.status ?? 0) >= 500)
    last = down
      ? `The API at ${endpoint} is unavailable (${r.error.message.replace(/ from \S+$/, '')}); nothing was imported: try again later`
      : `${endpoint} is not an Omeka S API URL`
  }
  return { ok: false, message: last }
}

/** The version an Omeka Classic API announces (`/api/site`'s omeka_version), or null: tells a wrong flavour from a wrong URL. */
async function classicVersion(c: ReturnType<typeof originClient>): Promise<string | null> {
  const r = await c.getJson(c.apiUrl('site'))
  const v = r.ok ? (r.value.json as { omeka_version?: unknown } | null)?.omeka_version : null
  return typeof v === 'string' ? v : null
}

/** Pre-flight of an S-target run: an Omeka S origin, or a Classic one (`from_flavor: classic`). */
export async function preflightOrigin<O, R extends string>(
  req: StartRequest<O, R> & { fromFlavor: 's' | 'classic'; key: OriginKey },
  client: Partial<ClientOptions>,
): Promise<PreflightResult> {
  if (req.fromFlavor === 's') return preflightS(req.endpoint, req.key, req.self, client)
  const pf = await preflightClassic(req.endpoint, req.key && 'key' in req.key ? req.key.key : null, null, client)
  return pf.ok
    ? {
        ok: true,
        endpoint: pf.endpoint,
        origin: `classic:${canonicalOrigin(pf.endpoint)}`,
        omekaUrl: null,
        fromFlavor: 'classic',
        requests: pf.requests,
      }
    : pf
}
