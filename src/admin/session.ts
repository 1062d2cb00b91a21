import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Context } from 'hono'
import type { OriginReport, PendingImport } from './origin-probe.js'

export type { PendingImport }
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

/** Which API a signed-in person administers, and the key that proved they may. */
export type AdminCredentials =
  | { flavor: 'classic'; key: string }
  | { flavor: 's'; identity: string; credential: string }

export interface AdminSession {
  id: string
  credentials: AdminCredentials
  csrf: string
  lastSeen: number
  pending?: PendingImport
  pendingReport?: OriginReport
  /** A one-time message for the next page ("Snapshot saved."). */
  flash?: string
}

export const COOKIE = 'omeka_twin_admin'
const IDLE_MS = 8 * 60 * 60 * 1000

const token = () => randomBytes(32).toString('base64url')

/**
 * Sign-in sessions kept in memory: the cookie holds only a random id (HttpOnly, Secure, SameSite=Strict,
 * scoped to /admin), never the API key, which stays on the server. A restart signs everyone out.
 */
export class AdminSessions {
  private readonly sessions = new Map<string, AdminSession>()

  create(c: Context, credentials: AdminCredentials): AdminSession {
    this.sweep()
    const session: AdminSession = { id: token(), credentials, csrf: token(), lastSeen: Date.now() }
    this.sessions.set(session.id, session)
    setCookie(c, COOKIE, session.id, {
      path: '/admin',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      maxAge: IDLE_MS / 1000,
    })
    return session
  }

  /** The session of the request's cookie, if it is still alive. */
  find(c: Context): AdminSession | undefined {
    const id = getCookie(c, COOKIE)
    const session = id ? this.sessions.get(id) : undefined
    if (!session) return undefined
    if (Date.now() - session.lastSeen > IDLE_MS) {
      this.sessions.delete(session.id)
      return undefined
    }
    session.lastSeen = Date.now()
    return session
  }

  destroy(c: Context, session: AdminSession | undefined): void {
    if (session) this.sessions.delete(session.id)
    deleteCookie(c, COOKIE, { path: '/admin', secure: true })
  }

  private sweep(): void {
    const now = Date.now()
    for (const [id, s] of this.sessions) if (now - s.lastSeen > IDLE_MS) this.sessions.delete(id)
  }
}

/** Whether a submitted form carries the session's CSRF token (compared in constant time). */
export function validCsrf(session: AdminSession, submitted: unknown): boolean {
  if (typeof submitted !== 'string') return false
  const a = Buffer.from(submitted)
  const b = Buffer.from(session.csrf)
  return a.length === b.length && timingSafeEqual(a, b)
}
