import type { AdminCredentials } from './session.js'

/** How the admin page reaches this server's own HTTP API: the app's fetch, in process. */
export type AppFetch = (request: Request) => Response | Promise<Response>

export interface ApiAnswer<T = any> {
  status: number
  body: T
  total: number | null
}

/** Where each flavour's API and control plane live on this server. */
export interface Mounts {
  classicApi: string
  sApi: string | null
  sAdmin: string | null
}

/**
 * The admin page's only way into the data: the public HTTP API (imports, reads) and the control plane,
 * called through the app itself with the signed-in person's key, exactly as any client would.
 */
export class AdminApi {
  constructor(
    private readonly fetch: AppFetch,
    private readonly origin: string,
    readonly credentials: AdminCredentials,
    private readonly mounts: Mounts,
  ) {}

  get flavor(): 'classic' | 's' {
    return this.credentials.flavor
  }

  /** The API root of the signed-in flavour (`/api` or `/s/api`). */
  get apiBase(): string {
    return this.flavor === 'classic' ? this.mounts.classicApi : (this.mounts.sApi ?? '/api')
  }

  /** The control plane of the signed-in flavour (reset, settings, seed; the toolkit is server-wide). */
  get adminBase(): string {
    return this.flavor === 'classic' ? '/__admin' : (this.mounts.sAdmin ?? '/__admin')
  }

  private keyQuery(): string {
    const c = this.credentials
    return c.flavor === 'classic'
      ? `key=${encodeURIComponent(c.key)}`
      : `key_identity=${encodeURIComponent(c.identity)}&key_credential=${encodeURIComponent(c.credential)}`
  }

  /** A call to the API of the signed-in flavour, with the key. */
  async api<T = any>(
    method: string,
    path: string,
    query: Record<string, string | number | undefined> = {},
    body?: unknown,
  ): Promise<ApiAnswer<T>> {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v))
    const qs = [params.toString(), this.keyQuery()].filter(Boolean).join('&')
    return this.send(method, `${this.apiBase}${path}?${qs}`, body)
  }

  /** A call to the control plane (no key: it exists only with --control). */
  control<T = any>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const base =
      path.startsWith('/faults') || path.startsWith('/requests') || path.startsWith('/snapshots')
        ? '/__admin'
        : this.adminBase
    return this.send(method, `${base}${path}`, body)
  }

  private async send(method: string, url: string, body?: unknown): Promise<ApiAnswer> {
    const init: RequestInit = { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' } }
    if (body !== undefined) init.body = JSON.stringify(body)
    const res = await this.fetch(new Request(`${this.origin}${url}`, init))
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = text === '' ? null : JSON.parse(text)
    } catch {
      /* an HTML or empty answer stays text */
    }
    const total = res.headers.get('Omeka-Total-Results') ?? res.headers.get('Omeka-S-Total-Results')
    return { status: res.status, body: parsed, total: total === null ? null : Number(total) }
  }
}

/** The message of an error answer in either flavour's format. */
export function errorMessage(answer: ApiAnswer): string {
  const b = answer.body as { message?: string; errors?: Record<string, unknown> } | string | null
  if (b && typeof b === 'object') {
    if (typeof b.message === 'string') return b.message
    if (b.errors)
      return Object.values(b.errors)
        .flat()
        .map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))
        .join(' ')
  }
  return `The server answered ${answer.status}.`
}
