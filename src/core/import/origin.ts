/** Helpers for origin URLs: the identity key of an origin and key redaction. */

/** Thrown for an endpoint that is not an http(s) URL (pre-flight's first check). */
export const NO_SCHEME = 'Invalid API URL. URLs must begin with http:// or https://'

/**
 * The endpoint as given, trimmed, without trailing slashes; `null` when it has no http(s) scheme.
 * A site root (`https://x.org`) is not completed with `/api`: pre-flight reports it as "not an Omeka API".
 */
export function normalizeEndpoint(raw: string): string | null {
  const trimmed = raw.trim().replace(/\/+$/, '')
  if (!/^https?:\/\/[^/]/i.test(trimmed)) return null
  try {
    const url = new URL(trimmed)
    url.search = ''
    url.hash = ''
    return url.toString().replace(/\/+$/, '')
  } catch {
    return null
  }
}

/**
 * The canonical origin used as the identity map's key: scheme dropped, host lower-cased without
 * `www.` or a default port, path without trailing slashes or a trailing `/api`. So
 * `HTTPS://www.Example.org/api/` and `http://example.org` are one origin (the plugin saw two).
 */
export function canonicalOrigin(endpoint: string): string {
  const url = new URL(endpoint)
  const host = url.hostname.toLowerCase().replace(/^www\./, '')
  const port = url.port && !['80', '443'].includes(url.port) ? `:${url.port}` : ''
  const path = decodeURIComponent(url.pathname)
    .replace(/\/+$/, '')
    .replace(/\/api$/i, '')
    .replace(/\/+$/, '')
  return `${host}${port}${path}`
}

/** Query parameters that carry a key: Classic's `key`, Omeka S's `key_identity` and `key_credential`. */
const KEY_PARAMS = ['key', 'key_identity', 'key_credential']

/** A URL with any key query parameter removed (for everything stored or printed). */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw)
    if (!KEY_PARAMS.some((k) => url.searchParams.has(k))) return raw
    for (const k of KEY_PARAMS) url.searchParams.delete(k)
    return url.toString()
  } catch {
    return raw.replace(/([?&])key(_identity|_credential)?=[^&#]*&?/g, '$1').replace(/[?&]$/, '')
  }
}

/** Removes every occurrence of the key from a message (errors may echo the URL they failed on). */
export function redactText(text: string, key: string | null): string {
  const noParam = text.replace(/([?&])(key(?:_identity|_credential)?)=[^&#\s"'>]*/g, '$1$2=REDACTED')
  return key ? noParam.split(key).join('REDACTED') : noParam
}

/** The origin's key: Classic's `key`, or Omeka S's identity and credential. Held in memory only. */
export type OriginKey = { key: string } | { identity: string; credential: string } | null

/** The key's secret parts (redacted from every message). */
export const keySecrets = (key: OriginKey): string[] => (key ? Object.values(key) : [])
