/**
 * PHP's view of a query string: parse_str() into nested ordered arrays, and http_build_query()
 * back out. Omeka builds its Link headers from $_GET, so matching PHP here matters byte for byte.
 */

export type PhpParam = string | PhpArray
export type PhpArray = Map<string, PhpParam>

function urldecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    // PHP leaves malformed escapes as they are; decode what can be decoded.
    return s.replace(/\+/g, ' ').replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
  }
}

/** PHP urlencode(): RFC 1738, space as `+`, only `A-Za-z0-9-_.` left alone. */
export function urlencode(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
}

function nextIndex(arr: PhpArray): string {
  let max = -1
  for (const k of arr.keys()) if (/^(0|-?[1-9]\d*)$/.test(k)) max = Math.max(max, Number(k))
  return String(max + 1)
}

/** parse_str(): `a[]=1&a[]=2&b[x][y]=3` → Map{a: Map{0:1, 1:2}, b: Map{x: Map{y: 3}}}. */
export function parsePhpQuery(raw: string): PhpArray {
  const out: PhpArray = new Map()
  for (const pair of raw.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const rawKey = urldecode(eq < 0 ? pair : pair.slice(0, eq))
    const value = eq < 0 ? '' : urldecode(pair.slice(eq + 1))
    const open = rawKey.indexOf('[')
    let base = open > 0 ? rawKey.slice(0, open) : rawKey
    if (base === '') continue
    base = base.replace(/[ .]/g, '_')
    const subs: string[] = []
    if (open > 0) {
      const re = /\[([^\]]*)\]/gy
      re.lastIndex = open
      let m: RegExpExecArray | null
      while ((m = re.exec(rawKey))) subs.push(m[1]!)
      if (subs.length === 0) base = rawKey.replace(/[ .[]/g, '_')
    }
    let target = out
    let key = base
    for (const sub of subs) {
      let child = target.get(key)
      if (!(child instanceof Map)) {
        child = new Map()
        target.set(key, child)
      }
      target = child
      key = sub === '' ? nextIndex(target) : sub
    }
    target.set(key, value)
  }
  return out
}

/** http_build_query() of a parsed query, in its order. */
export function httpBuildQuery(params: PhpArray): string {
  const parts: string[] = []
  const walk = (prefix: string, value: PhpParam) => {
    if (value instanceof Map) for (const [k, v] of value) walk(`${prefix}[${k}]`, v)
    else parts.push(`${urlencode(prefix)}=${urlencode(value)}`)
  }
  for (const [k, v] of params) walk(k, v)
  return parts.join('&')
}

/** The string value of a top-level parameter, or undefined when absent or an array. */
export function scalarParam(params: PhpArray, name: string): string | undefined {
  const v = params.get(name)
  return typeof v === 'string' ? v : undefined
}
