import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'
import { networkInterfaces } from 'node:os'

// An import origin is untrusted: its records name the URLs we download. Without a policy an origin can make the
// target fetch internal addresses (cloud metadata, admin ports on the LAN) and publish the answers as files.

/** Resolves a host name to its addresses (injectable for tests). */
export type Resolve = (host: string) => Promise<string[]>

const defaultResolve: Resolve = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address)

// Addresses that are not on the public internet: loopback, private (RFC 1918, ULA), link-local, CGNAT,
// unspecified, multicast, reserved and the documentation/benchmark ranges.
const INTERNAL = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
  ['100::', 64],
] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv6')
}

/** `::ffff:127.0.0.1` → `127.0.0.1`: an IPv4-mapped IPv6 address is the IPv4 address. */
export function normalizeAddress(address: string): string {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase()
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a)
  if (mapped) return mapped[1]!
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a)
  if (hex) {
    const n = (parseInt(hex[1]!, 16) << 16) | parseInt(hex[2]!, 16)
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
  }
  return a
}

/** Whether an address is on the public internet (not loopback, private, link-local, …). */
export function isPublicAddress(address: string): boolean {
  const a = normalizeAddress(address)
  const family = isIP(a)
  if (family === 0) return false
  return !INTERNAL.check(a, family === 4 ? 'ipv4' : 'ipv6')
}

async function addressesOf(url: URL, resolve: Resolve): Promise<string[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (isIP(host)) return [normalizeAddress(host)]
  return (await resolve(host)).map(normalizeAddress)
}

const portOf = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80')

/**
 * What an origin's client may fetch. API URLs and file URLs must resolve to public addresses, unless the origin
 * itself resolves to a non-public one (a test double on loopback, a LAN site): then non-public ones are allowed
 * too. File URLs must also be on the origin's own scheme, host and port, or on a host `allowFileHosts` names
 * (`https://cdn.example.org`, or `cdn.example.org[:port]` for any scheme). Checked on every URL the client fetches,
 * redirects included, after DNS resolution.
 */
export class OriginPolicy {
  private readonly origin: URL
  private originInternal: Promise<boolean> | null = null
  private readonly allowed: string[]

  constructor(
    endpoint: string,
    allowFileHosts: readonly string[] = [],
    private readonly resolve: Resolve = defaultResolve,
  ) {
    this.origin = new URL(endpoint)
    this.allowed = allowFileHosts.map((h) => h.trim().toLowerCase().replace(/\/+$/, '')).filter((h) => h !== '')
  }

  private fileHostAllowed(url: URL): boolean {
    if (url.protocol === this.origin.protocol && url.host.toLowerCase() === this.origin.host.toLowerCase()) return true
    return this.allowed.some((a) =>
      a.includes('://')
        ? a === url.origin.toLowerCase()
        : a === url.host.toLowerCase() || a === `${url.hostname.toLowerCase()}:${portOf(url)}`,
    )
  }

  /** Null when `url` may be fetched (`file`: a download named by the origin), else why not. */
  async check(raw: string, purpose: 'api' | 'file'): Promise<string | null> {
    let url: URL
    try {
      url = new URL(raw)
    } catch {
      return 'not a valid URL'
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return `refused: only http and https URLs are fetched (${url.protocol})`
    if (purpose === 'file' && !this.fileHostAllowed(url)) {
      return `refused: ${url.origin} is not the origin's own host (${this.origin.origin}); allow it with --allow-file-host`
    }
    let addresses: string[]
    try {
      addresses = await addressesOf(url, this.resolve)
    } catch {
      return `refused: ${url.hostname} does not resolve`
    }
    if (addresses.every(isPublicAddress)) return null
    this.originInternal ??= addressesOf(this.origin, this.resolve).then(
      (list) => list.some((a) => !isPublicAddress(a)),
      () => false,
    )
    if (await this.originInternal) return null
    return `refused: ${url.hostname} resolves to a private, loopback or link-local address`
  }
}

function localAddresses(): Set<string> {
  const out = new Set<string>()
  for (const list of Object.values(networkInterfaces()))
    for (const i of list ?? []) out.add(normalizeAddress(i.address))
  return out
}

/**
 * Whether two URLs reach the same server: same port and an address in common after DNS resolution, where every
 * address of this machine (loopback, unspecified, its own interfaces) counts as one. `localhost`,
 * `[::ffff:127.0.0.1]` and the machine's LAN address all name the server listening on 127.0.0.1 or 0.0.0.0.
 */
export async function sameServer(a: string, b: string, resolve: Resolve = defaultResolve): Promise<boolean> {
  let ua: URL
  let ub: URL
  try {
    ua = new URL(a)
    ub = new URL(b)
  } catch {
    return false
  }
  if (portOf(ua) !== portOf(ub)) return false
  const local = localAddresses()
  const key = (addr: string) =>
    local.has(addr) || addr === '0.0.0.0' || addr === '::' || addr === '::1' || addr.startsWith('127.')
      ? 'this-machine'
      : addr
  const [xa, xb] = await Promise.all([
    addressesOf(ua, resolve).catch(() => []),
    addressesOf(ub, resolve).catch(() => []),
  ])
  const keys = new Set(xa.map(key))
  return xb.some((addr) => keys.has(key(addr)))
}

/** `--allow-file-host a,b` (or OMEKA_TWIN_ALLOW_FILE_HOSTS) as a list. */
export function allowFileHosts(flag: unknown, env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = typeof flag === 'string' ? flag : (env.OMEKA_TWIN_ALLOW_FILE_HOSTS ?? '')
  return raw
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '')
}
