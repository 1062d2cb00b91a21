import pLimit from 'p-limit'
import { redactText, redactUrl, type OriginKey } from './origin.js'
import { OriginPolicy, type Resolve } from './origin-policy.js'

/** Across the network errors are values that know whether a retry can help. */
export type RemoteError = { retry: boolean; status: number | null; message: string }
export type Result<T> = { ok: true; value: T } | { ok: false; error: RemoteError }

export interface ClientOptions {
  endpoint: string
  /** Held in memory only; sent as `?key=` to the API (never to file URLs), redacted everywhere else. */
  key: string | null
  /** Query parameters that carry the key instead of `key=` (Omeka S: key_identity, key_credential); redacted like it. */
  keyParams?: Record<string, string>
  timeoutMs?: number
  maxAttempts?: number
  baseDelayMs?: number
  maxDelayMs?: number
  /** Concurrent page requests while walking an index. */
  pageConcurrency?: number
  perPage?: number
  signal?: AbortSignal
  /** Injected in tests; without it every URL is checked by the origin policy (see OriginPolicy). */
  fetch?: typeof fetch
  /** Hosts besides the origin's own that file URLs may point to (`--allow-file-host`). */
  allowFileHosts?: readonly string[]
  /** The most bytes one download may have, whatever the origin declares (default DEFAULT_MAX_DOWNLOAD). */
  maxDownloadBytes?: number
  resolve?: Resolve
}

/** The global cap on one downloaded file: 2 GiB (a hostile origin once made a target write 5.3 GB). */
export const DEFAULT_MAX_DOWNLOAD = 2 * 1024 ** 3
/** Redirects followed per request, each checked by the origin policy. */
const MAX_REDIRECTS = 5

/** Request counters, shown on the run. */
export interface ClientStats {
  requests: number
  retries: number
  bytes: number
}

export interface Page {
  url: string
  records: unknown[]
  total: number | null
  /** The origin's clock when it answered (its `Date` header, ms), or null. */
  date?: number | null
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value })
const fail = (retry: boolean, status: number | null, message: string): { ok: false; error: RemoteError } => ({
  ok: false,
  error: { retry, status, message },
})

/** Seconds or an HTTP date → milliseconds to wait; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null
  if (/^\s*\d+(\.\d+)?\s*$/.test(header)) return Math.round(parseFloat(header) * 1000)
  const at = Date.parse(header)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

/** The URLs of an Omeka `Link` header by rel. */
export function parseLinks(header: string | null): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of (header ?? '').matchAll(/<([^>]*)>\s*;\s*rel="([^"]+)"/g)) out[m[2]!] = m[1]!
  return out
}

/** Names an HTML answer (a proxy's or PHP's error page) where the API should have sent JSON. */
const htmlNote = (res: Response): string =>
  /^\s*text\/html/i.test(res.headers.get('Content-Type') ?? '') ? ' (an HTML page, not JSON)' : ''

function withPage(url: string, page: number): string {
  const u = new URL(url)
  u.searchParams.set('page', String(page))
  return u.toString()
}

/**
 * A GET-only client for an Omeka Classic API: per-request timeouts, retries with exponential backoff
 * and jitter on network errors, 5xx and 429 (honouring Retry-After), paging that follows `Link`.
 */
export class RemoteClient {
  readonly stats: ClientStats = { requests: 0, retries: 0, bytes: 0 }
  private readonly o: Required<Omit<ClientOptions, 'signal' | 'key' | 'keyParams' | 'allowFileHosts' | 'resolve'>> & {
    key: string | null
    keyParams: Record<string, string> | undefined
    signal: AbortSignal | undefined
  }
  private readonly policy: OriginPolicy | null

  constructor(opts: ClientOptions) {
    // An injected fetch (tests) reaches no network: nothing to guard.
    this.policy = opts.fetch ? null : new OriginPolicy(opts.endpoint, opts.allowFileHosts, opts.resolve)
    this.o = {
      maxDownloadBytes: DEFAULT_MAX_DOWNLOAD,
      timeoutMs: 30_000,
      maxAttempts: 6,
      baseDelayMs: 200,
      maxDelayMs: 10_000,
      pageConcurrency: 2,
      perPage: 50,
      fetch: globalThis.fetch,
      ...opts,
      key: opts.key,
      keyParams: opts.keyParams,
      signal: opts.signal,
    }
  }

  /** An API URL for a resource with query parameters (and the key). */
  apiUrl(resource: string, params: Record<string, string> = {}): string {
    const u = new URL(`${this.o.endpoint}/${resource}`)
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v)
    return u.toString()
  }

  /** A `Link` URL moved onto our endpoint (the origin may print another host, e.g. behind a proxy). */
  private rebase(href: string): string {
    try {
      const u = new URL(href)
      const at = u.pathname.lastIndexOf('/api/')
      return at < 0 ? href : `${this.o.endpoint}${u.pathname.slice(at + 4)}${u.search}`
    } catch {
      return href
    }
  }

  private keyed(url: string): string {
    if ((!this.o.key && !this.o.keyParams) || !url.startsWith(`${this.o.endpoint}/`)) return url
    const u = new URL(url)
    for (const [k, v] of Object.entries(this.o.keyParams ?? { key: this.o.key! })) u.searchParams.set(k, v)
    return u.toString()
  }

  /** One GET with retries; the body read is part of the attempt (a dropped connection is retried). */
  async fetchWithRetry<T>(
    url: string,
    read: (res: Response) => Promise<Result<T>>,
    purpose: 'api' | 'file' = 'api',
  ): Promise<Result<T>> {
    let last: RemoteError = { retry: false, status: null, message: 'not attempted' }
    for (let attempt = 0; attempt < this.o.maxAttempts; attempt++) {
      if (this.o.signal?.aborted) return fail(false, null, 'Cancelled.')
      if (attempt > 0) this.stats.retries++
      const r = await this.attempt(url, read, purpose)
      if (r.result.ok || !r.result.error.retry) return r.result
      last = r.result.error
      if (attempt + 1 < this.o.maxAttempts) await this.sleep(r.wait ?? this.backoff(attempt))
    }
    return { ok: false, error: last }
  }

  /** GET that checks the URL and every redirect against the origin policy before connecting. */
  private async guardedFetch(
    url: string,
    purpose: 'api' | 'file',
    signal: AbortSignal,
  ): Promise<{ res: Response } | { refused: RemoteError }> {
    const init = { signal, headers: { Accept: 'application/json', 'User-Agent': 'omeka-twin-import' } }
    if (!this.policy) return { res: await this.o.fetch(this.keyed(url), init) }
    let next = url
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const refusal = await this.policy.check(next, purpose)
      if (refusal) return { refused: { retry: false, status: null, message: `${refusal} (${redactUrl(next)})` } }
      const res = await this.o.fetch(hop === 0 ? this.keyed(next) : next, { ...init, redirect: 'manual' })
      const location = res.status >= 300 && res.status < 400 ? res.headers.get('Location') : null
      if (location === null) return { res }
      await res.body?.cancel()
      next = new URL(location, next).toString()
    }
    return { refused: { retry: false, status: null, message: `Too many redirects (${redactUrl(url)})` } }
  }

  private async attempt<T>(
    url: string,
    read: (res: Response) => Promise<Result<T>>,
    purpose: 'api' | 'file',
  ): Promise<{ result: Result<T>; wait: number | null }> {
    this.stats.requests++
    const signals = [AbortSignal.timeout(this.o.timeoutMs), ...(this.o.signal ? [this.o.signal] : [])]
    try {
      const got = await this.guardedFetch(url, purpose, AbortSignal.any(signals))
      if ('refused' in got) return { result: { ok: false, error: got.refused }, wait: null }
      const res = got.res
      if (res.status === 429 || res.status >= 500) {
        await res.body?.cancel()
        return {
          result: fail(true, res.status, `HTTP ${res.status}${htmlNote(res)} from ${redactUrl(url)}`),
          wait: Math.min(retryAfterMs(res.headers.get('Retry-After')) ?? this.backoff(0), 60_000),
        }
      }
      return { result: await read(res), wait: null }
    } catch (err) {
      const message = [this.o.key, ...Object.values(this.o.keyParams ?? {})].reduce<string>(
        (m, k) => redactText(m, k),
        err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      )
      return { result: fail(!this.o.signal?.aborted, null, `${message} (${redactUrl(url)})`), wait: null }
    }
  }

  private backoff(attempt: number): number {
    const cap = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** attempt)
    return Math.round(cap / 2 + Math.random() * (cap / 2))
  }

  /** Waits `ms` or until the run is aborted; the abort listener is removed either way (one per retry leaked before). */
  private sleep(ms: number): Promise<void> {
    const signal = this.o.signal
    if (signal?.aborted) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      const t = setTimeout(done, ms)
      signal?.addEventListener('abort', done, { once: true })
    })
  }

  /** GET a JSON document; a non-2xx answer carries Omeka's `message` when there is one. */
  async getJson(url: string): Promise<Result<{ json: unknown; headers: Headers; status: number }>> {
    return this.fetchWithRetry(url, async (res) => {
      const text = await res.text()
      this.stats.bytes += text.length
      let json: unknown
      try {
        json = text === '' ? null : JSON.parse(text)
      } catch {
        // A proxy or a broken PHP origin can answer 200 with an HTML page: retried, and said as such.
        if (res.ok) return fail(true, res.status, `Invalid JSON${htmlNote(res)} from ${redactUrl(url)}`)
      }
      if (!res.ok) {
        const msg =
          json && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string'
            ? (json as { message: string }).message
            : `HTTP ${res.status}${htmlNote(res)}`
        return fail(false, res.status, msg)
      }
      return ok({ json, headers: res.headers, status: res.status })
    })
  }

  /**
   * Downloads bytes (no key: file URLs may point anywhere the policy allows). At most the origin's `declared` size
   * plus a margin, and never more than `maxDownloadBytes`: the body is read as a stream and dropped past the limit.
   */
  async download(url: string, declared?: number | null): Promise<Result<Buffer>> {
    const limit = Math.min(
      this.o.maxDownloadBytes,
      typeof declared === 'number' && declared >= 0
        ? declared + Math.max(64 * 1024, Math.ceil(declared / 100))
        : Infinity,
    )
    return this.fetchWithRetry(
      url,
      async (res) => {
        if (!res.ok) {
          await res.body?.cancel()
          return fail(false, res.status, `The server returned code ${res.status} for ${redactUrl(url)}`)
        }
        const tooBig = () => fail(false, res.status, `The file at ${redactUrl(url)} is larger than ${limit} bytes`)
        if (Number(res.headers.get('Content-Length') ?? 0) > limit) {
          await res.body?.cancel()
          return tooBig()
        }
        const chunks: Buffer[] = []
        let size = 0
        for await (const chunk of (res.body ?? []) as AsyncIterable<Uint8Array>) {
          size += chunk.byteLength
          // Leaving the loop cancels the stream: the rest is never read.
          if (size > limit) return tooBig()
          chunks.push(Buffer.from(chunk))
        }
        this.stats.bytes += size
        return ok(Buffer.concat(chunks, size))
      },
      'file',
    )
  }

  private async page(url: string): Promise<Result<Page & { links: Record<string, string> }>> {
    const r = await this.getJson(url)
    if (!r.ok) return r
    if (!Array.isArray(r.value.json)) return fail(false, r.value.status, `Not an index page: ${redactUrl(url)}`)
    const total = r.value.headers.get('Omeka-Total-Results') ?? r.value.headers.get('Omeka-S-Total-Results')
    const links = Object.fromEntries(
      Object.entries(parseLinks(r.value.headers.get('Link'))).map(([rel, href]) => [rel, this.rebase(href)]),
    )
    const date = Date.parse(r.value.headers.get('Date') ?? '')
    return ok({
      url,
      records: r.value.json,
      total: total === null ? null : Number(total),
      date: Number.isNaN(date) ? null : date,
      links,
    })
  }

  /**
   * Every page of an index from `startUrl`, in order. Page 1 gives the `Link` URLs; the pages up to
   * rel="last" are fetched `pageConcurrency` at a time (built from the rel="next" URL), so memory holds
   * a small window of pages. Yields errors as values; the caller decides whether to go on.
   */
  async *pages(startUrl: string): AsyncGenerator<Result<Page>> {
    const first = await this.page(startUrl)
    yield first
    if (!first.ok || !first.value.links.next) return
    const next = first.value.links.next
    const lastPage = first.value.links.last ? Number(new URL(first.value.links.last).searchParams.get('page')) : NaN
    const nextPage = Number(new URL(next).searchParams.get('page'))
    if (!Number.isFinite(lastPage) || !Number.isFinite(nextPage)) {
      yield* this.pages(next)
      return
    }
    const limit = pLimit(this.o.pageConcurrency)
    const window: Promise<Result<Page & { links: Record<string, string> }>>[] = []
    let p = nextPage
    const fill = () => {
      while (window.length < this.o.pageConcurrency + 1 && p <= lastPage) {
        const url = withPage(next, p++)
        window.push(limit(() => this.page(url)))
      }
    }
    fill()
    while (window.length) {
      const r = await window.shift()!
      yield r
      if (!r.ok) return
      fill()
    }
  }
}

/** A client for the origin with its key in the right query parameters (`key`, or `key_identity` + `key_credential`). */
export function originClient(endpoint: string, key: OriginKey, extra: Partial<ClientOptions> = {}): RemoteClient {
  if (key && 'identity' in key)
    return new RemoteClient({
      endpoint,
      key: key.credential,
      keyParams: { key_identity: key.identity, key_credential: key.credential },
      ...extra,
    })
  return new RemoteClient({ endpoint, key: key?.key ?? null, ...extra })
}
