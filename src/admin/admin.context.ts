import type { Context } from 'hono'
import type { RuntimeConfig } from '../config.js'
import { AdminApi, type AppFetch, type Mounts } from './api-client.js'
import type { AdminSession, AdminSessions } from './session.js'

/** What every admin route needs: the sessions, a way into this server's API, and which flavours are on. */
export interface AdminContext {
  sessions: AdminSessions
  fetch: AppFetch
  mounts: Mounts
  flavors: ('classic' | 's')[]
  control: boolean
}

export type AdminEnv = { Variables: { session: AdminSession; api: AdminApi } }

/** The flavours and mounts of this server, from its configuration. */
export function adminContext(
  deps: { config: RuntimeConfig; s?: { mount: string } | undefined },
  fetch: AppFetch,
  sessions: AdminSessions,
): AdminContext {
  const flavor = deps.config.flavor ?? 'classic'
  const sMount = deps.s?.mount ?? (flavor === 'both' ? '/s' : '')
  return {
    sessions,
    fetch,
    flavors: flavor === 'both' ? ['classic', 's'] : flavor === 's' ? ['s'] : ['classic'],
    control: deps.config.control,
    mounts: {
      classicApi: '/api',
      sApi: flavor === 'classic' ? null : `${sMount}/api`,
      sAdmin: flavor === 'classic' ? null : `${sMount}/__admin`,
    },
  }
}

/** The API client for a request, as the session's person, at the origin the browser used. */
export function apiFor(ctx: AdminContext, c: Context, session: AdminSession): AdminApi {
  return new AdminApi(ctx.fetch, new URL(c.req.url).origin, session.credentials, ctx.mounts)
}

/** Takes the session's one-time message. */
export function takeFlash(session: AdminSession): string | undefined {
  const flash = session.flash
  delete session.flash
  return flash
}

/** A form's string field, trimmed; '' when absent. */
export function field(form: Record<string, unknown>, name: string): string {
  const v = form[name]
  return typeof v === 'string' ? v.trim() : ''
}

/** A positive page number from the query (1 when absent or invalid). */
export function pageParam(c: Context): number {
  const n = Number(c.req.query('page'))
  return Number.isInteger(n) && n > 0 ? n : 1
}
