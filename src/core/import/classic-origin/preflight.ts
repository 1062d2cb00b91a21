import { canonicalOrigin, normalizeEndpoint, NO_SCHEME } from '../origin.js'
import { RemoteClient, type ClientOptions } from '../remote-client.js'
import { remoteSite } from './remote.schemas.js'
import { sameServer } from '../origin-policy.js'

/** `requests`: what the checks asked the origin (the run counts them as its own). */
export type Preflight =
  | { ok: true; endpoint: string; origin: string; omekaUrl: string; requests: number }
  | { ok: false; message: string }

/**
 * The checks made before a run is created, each with its own message (the plugin's, improved):
 * no scheme, unreachable, not an Omeka API, API disabled, invalid key, importing a site into itself.
 */
export async function preflight(
  rawEndpoint: string,
  key: string | null,
  self: string | null,
  client: Partial<ClientOptions> = {},
): Promise<Preflight> {
  const endpoint = normalizeEndpoint(rawEndpoint)
  if (!endpoint) return { ok: false, message: NO_SCHEME }
  const first = await check(endpoint, key, self, client)
  // A site root is accepted too: its API is at /api.
  if (first.ok || /\/api$/i.test(endpoint) || !first.retryAtApi) return strip(first, first.requests)
  const second = await check(`${endpoint}/api`, key, self, client)
  // The other Omeka at /api is the answer, not the root's 404.
  return strip(second.ok || second.otherFlavour ? second : first, first.requests + second.requests)
}

type Checked = (Preflight & { retryAtApi?: boolean; otherFlavour?: boolean }) & { requests: number }
const strip = (p: Checked, requests: number): Preflight =>
  p.ok ? { ...p, requests } : { ok: false, message: p.message }

async function check(
  endpoint: string,
  key: string | null,
  self: string | null,
  client: Partial<ClientOptions>,
): Promise<Checked> {
  const c = new RemoteClient({ endpoint, key, timeoutMs: 10_000, maxAttempts: 2, baseDelayMs: 100, ...client })
  return { ...(await checkWith(c, endpoint, self)), requests: c.stats.requests }
}

async function checkWith(
  c: RemoteClient,
  endpoint: string,
  self: string | null,
): Promise<Preflight & { retryAtApi?: boolean; otherFlavour?: boolean }> {
  const r = await c.getJson(c.apiUrl('site'))
  if (!r.ok) {
    const { status, message } = r.error
    // One message for every network failure: telling a closed port from a refusal or a timeout would make the
    // import form a port scanner of the target's network.
    if (status === null) return { ok: false, message: `Unable to connect to ${endpoint}` }
    if (message === 'API is disabled') return { ok: false, message: `The API at ${endpoint} is not active` }
    if (message === 'Invalid key.') return { ok: false, message: 'The provided API key was invalid' }
    const other = await omekaSVersion(c)
    if (other)
      return {
        ok: false,
        // Both flags: `--flavor s --from-flavor classic` given an S origin needs the second one too.
        message: `${endpoint} is an Omeka S ${other} API, not Omeka Classic: import it with --flavor s --from-flavor s`,
        otherFlavour: true,
      }
    // An origin (or its proxy) failing after the retries is not a wrong URL: say so, and that nothing started.
    if (status === 429 || status >= 500)
      return {
        ok: false,
        message: `The API at ${endpoint} is unavailable (${message.replace(/ from \S+$/, '')}); nothing was imported: try again later`,
        retryAtApi: true,
      }
    return {
      ok: false,
      message: `Error accessing the API at ${endpoint} (${status}), check that you have the right URL`,
      retryAtApi: true,
    }
  }
  const site = remoteSite.safeParse(r.value.json)
  if (!site.success) return { ok: false, message: `${endpoint} is not an Omeka Classic API URL`, retryAtApi: true }
  if (self && (canonicalOrigin(site.data.omeka_url) === canonicalOrigin(self) || (await sameServer(endpoint, self))))
    return { ok: false, message: 'You cannot import a site into itself' }
  return { ok: true, endpoint, origin: canonicalOrigin(endpoint), omekaUrl: site.data.omeka_url, requests: 0 }
}

/** The version an Omeka S API announces (its `Omeka-S-Version` header), or null: tells a wrong flavour from a wrong URL. */
async function omekaSVersion(c: RemoteClient): Promise<string | null> {
  const r = await c.getJson(c.apiUrl('items', { per_page: '1' }))
  return r.ok ? r.value.headers.get('Omeka-S-Version') : null
}
