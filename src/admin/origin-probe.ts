/** An origin checked by the wizard's pre-flight, waiting for the person to choose options and start. */
export interface PendingImport {
  endpoint: string
  fromFlavor: 'classic' | 's'
  key: string | null
  identity: string | null
  credential: string | null
}

/** What the wizard shows before a run: the origin's flavour, version, counts per resource and plugin data. */
export interface OriginReport {
  endpoint: string
  flavor: 'classic' | 's'
  version: string | null
  title: string | null
  counts: { resource: string; total: number | null }[]
  /** Classic plugins' resources (Geolocation, ExhibitBuilder) or Omeka S modules, as the origin lists them. */
  plugins: string[]
  authenticated: boolean
}

const CLASSIC_COUNTED = [
  'collections',
  'items',
  'files',
  'item_types',
  'elements',
  'element_sets',
  'tags',
  'geolocations',
  'exhibits',
  'exhibit_pages',
]
const CLASSIC_PLUGINS: Record<string, string> = {
  geolocations: 'Geolocation',
  exhibits: 'ExhibitBuilder',
  exhibit_pages: 'ExhibitBuilder',
}
const S_COUNTED = [
  'items',
  'item_sets',
  'media',
  'sites',
  'site_pages',
  'assets',
  'vocabularies',
  'resource_templates',
  'users',
]

async function get(url: string): Promise<{ status: number; json: any; headers: Headers } | { error: string }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000), headers: { Accept: 'application/json' } })
    const text = await res.text()
    let json: unknown = null
    try {
      json = JSON.parse(text)
    } catch {
      /* not JSON: the caller decides */
    }
    return { status: res.status, json, headers: res.headers }
  } catch (err) {
    return { error: (err as Error).message }
  }
}

const withQuery = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`

function classicKey(p: PendingImport) {
  return p.key ? `key=${encodeURIComponent(p.key)}` : ''
}
function sKey(p: PendingImport) {
  return p.identity && p.credential
    ? `key_identity=${encodeURIComponent(p.identity)}&key_credential=${encodeURIComponent(p.credential)}`
    : ''
}

/**
 * Reads an origin's public API to describe it: `/site` and `/resources` for Omeka Classic, `Omeka-S-Version`
 * for Omeka S, then one `per_page=1` request per resource for its total. The import engine does its own
 * pre-flight when the run starts; this one only informs the person.
 */
export async function probeOrigin(p: PendingImport): Promise<OriginReport | { error: string }> {
  const endpoint = p.endpoint.replace(/\/+$/, '')
  if (!/^https?:\/\//i.test(endpoint)) return { error: 'The origin URL must start with http:// or https://.' }
  const candidates = /\/api$/i.test(endpoint) ? [endpoint] : [`${endpoint}/api`, endpoint]
  for (const base of candidates) {
    const report = p.fromFlavor === 'classic' ? await probeClassic(base, p) : await probeS(base, p)
    if (!('error' in report)) return report
    if (base === candidates[candidates.length - 1]) return report
  }
  return { error: `No Omeka API found at ${endpoint}.` }
}

async function probeClassic(base: string, p: PendingImport): Promise<OriginReport | { error: string }> {
  const key = classicKey(p)
  const site = await get(withQuery(`${base}/site`, key))
  if ('error' in site) return { error: `Unable to connect to ${base}: ${site.error}` }
  if (site.status === 403)
    return {
      error:
        site.json?.message === 'Invalid key.'
          ? 'The origin refused the key: Invalid key.'
          : `The API at ${base} is not active.`,
    }
  if (site.status !== 200 || typeof site.json?.omeka_url !== 'string')
    return { error: `${base} is not an Omeka Classic API URL.` }
  const resources = await get(withQuery(`${base}/resources`, key))
  const listed =
    !('error' in resources) && resources.json && typeof resources.json === 'object' ? Object.keys(resources.json) : []
  const counted = CLASSIC_COUNTED.filter((r) => listed.includes(r))
  const counts = await Promise.all(
    counted.map(async (resource) => ({
      resource,
      total: await total(
        withQuery(`${base}/${resource}`, [key, 'per_page=1'].filter(Boolean).join('&')),
        'Omeka-Total-Results',
      ),
    })),
  )
  const plugins = [...new Set(listed.filter((r) => CLASSIC_PLUGINS[r]).map((r) => CLASSIC_PLUGINS[r]!))]
  return {
    endpoint: base,
    flavor: 'classic',
    version: site.json.omeka_version ?? null,
    title: site.json.title ?? null,
    counts,
    plugins,
    authenticated: key !== '',
  }
}

async function probeS(base: string, p: PendingImport): Promise<OriginReport | { error: string }> {
  const key = sKey(p)
  const probe = await get(withQuery(`${base}/items`, [key, 'per_page=1'].filter(Boolean).join('&')))
  if ('error' in probe) return { error: `Unable to connect to ${base}: ${probe.error}` }
  const version = probe.headers.get('Omeka-S-Version')
  if (probe.status !== 200 || !version) return { error: `${base} is not an Omeka S API URL.` }
  const counts = await Promise.all(
    S_COUNTED.map(async (resource) => ({
      resource,
      total: await total(
        withQuery(`${base}/${resource}`, [key, 'per_page=1'].filter(Boolean).join('&')),
        'Omeka-S-Total-Results',
      ),
    })),
  )
  const modules = await get(withQuery(`${base}/modules`, key))
  const plugins =
    !('error' in modules) && Array.isArray(modules.json)
      ? modules.json.map((m: any) => String(m['o:id'] ?? '')).filter(Boolean)
      : []
  return { endpoint: base, flavor: 's', version, title: null, counts, plugins, authenticated: key !== '' }
}

async function total(url: string, header: string): Promise<number | null> {
  const r = await get(url)
  if ('error' in r || r.status !== 200) return null
  const value = r.headers.get(header)
  return value === null ? null : Number(value)
}
