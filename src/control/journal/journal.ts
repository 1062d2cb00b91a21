import type { AppliedFault } from '../faults/faults.engine.js'
import { globToRegExp } from '../glob.js'

/** One request as the journal keeps it; secrets are redacted before it is stored. */
export interface JournalEntry {
  id: number
  time: string
  method: string
  url: string
  headers: Record<string, string>
  body_size: number | null
  status: number
  duration_ms: number
  faults: AppliedFault[]
}

export const REDACTED = '[REDACTED]'

// Header names whose values are credentials, or look like they might be.
const SECRET_HEADER = /(^authorization$|^proxy-authorization$|^cookie$|^set-cookie$|key|token|secret|password|auth)/i

const SECRET_PARAM = /^key(?:_identity|_credential)?$/i

// A parameter name as PHP reads it: `+` is a space, %XX decoded (a malformed escape is kept as it is).
function decodedName(raw: string): string {
  const plus = raw.replace(/\+/g, ' ')
  try {
    return decodeURIComponent(plus)
  } catch {
    return plus.replace(/%([0-9a-f]{2})/gi, (m, h: string) => String.fromCharCode(parseInt(h, 16)))
  }
}

/**
 * The URL with the value of every key query parameter replaced: Classic's `key`, Omeka S's `key_identity` and
 * `key_credential`, also as `key[]`/`key[x]`. Names are compared decoded, as the server reads them: `%6Bey=`
 * and `key%5Fidentity=` are the key too.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?')
  if (q === -1) return url
  const hash = url.indexOf('#', q)
  const query = url.slice(q + 1, hash === -1 ? undefined : hash)
  const parts = query.split('&').map((part) => {
    const eq = part.indexOf('=')
    const name = eq === -1 ? part : part.slice(0, eq)
    const base = decodedName(name).replace(/\[.*$/, '')
    return eq !== -1 && SECRET_PARAM.test(base) ? `${name}=${REDACTED}` : part
  })
  return `${url.slice(0, q + 1)}${parts.join('&')}${hash === -1 ? '' : url.slice(hash)}`
}

/** Headers as a plain object, credential-like values replaced. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADER.test(name) ? REDACTED : value
  })
  return out
}

export interface JournalQuery {
  method?: string | undefined
  path?: string | undefined
  limit: number
}

/** The most recent requests in a fixed-size ring buffer: memory stays bounded however long it runs. */
export class RequestJournal {
  private readonly ring: (JournalEntry | undefined)[]
  private nextId = 1

  constructor(readonly size: number) {
    this.ring = new Array<JournalEntry | undefined>(size)
  }

  /** Stores an entry (overwriting the oldest when full) and gives it the next id. */
  record(entry: Omit<JournalEntry, 'id'>): void {
    if (this.size === 0) return
    const id = this.nextId++
    this.ring[(id - 1) % this.size] = { id, ...entry }
  }

  /** Newest first, filtered by method and by a glob on the path. */
  list(query: JournalQuery): JournalEntry[] {
    const method = query.method?.toUpperCase()
    const path = query.path ? globToRegExp(query.path) : null
    const out: JournalEntry[] = []
    for (let id = this.nextId - 1; id >= 1 && id >= this.nextId - this.size && out.length < query.limit; id--) {
      const entry = this.ring[(id - 1) % this.size]
      if (!entry) continue
      if (method && entry.method !== method) continue
      if (path && !path.test(new URL(entry.url).pathname)) continue
      out.push(entry)
    }
    return out
  }

  clear(): void {
    this.ring.fill(undefined)
  }
}
