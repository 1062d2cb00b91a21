import { Hono } from 'hono'
import { isAbsolute } from 'node:path'
import type * as z from 'zod'
import { plainJson } from '../core/http/respond.js'
import { adminMessage as message, jsonObject } from './control.http.js'

/** What a flavour plugs into the two contract endpoints. */
export interface ContractSite<S extends z.ZodObject> {
  /** Replaces all data with the fixture at this absolute path; throws on failure. */
  load(dir: string): void
  /** Whether a load error means "not a valid fixture" (400) rather than "failed part-way" (500). */
  isFixtureError(err: unknown): boolean
  settingsSchema: S
  readSettings(): z.infer<S>
  writeSettings(next: z.infer<S>): void
  /**
   * The server's bug-compatible switch (RuntimeConfig.bugCompat), set with `"bug_compat": true|false`;
   * not echoed in the answer, which stays the contract's settings object.
   */
  bugCompat?: { set(on: boolean): void }
}

/**
 * `POST /reset` and `PATCH /settings` exactly as the conformance suites' CONTRACT.md files say
 * (both flavours share the contract): JSON in, `{"message"}` errors, a rejected request changes nothing.
 */
export function contractRoutes<S extends z.ZodObject>(site: ContractSite<S>): Hono {
  const admin = new Hono()
  admin.post('/reset', async (c) => {
    const body = await jsonObject(c)
    if (!body) return message('The request body must be a JSON object.', 400)
    const fixture = body.fixture
    if (typeof fixture !== 'string')
      return message('"fixture" must be a string: the absolute path of a fixture directory.', 400)
    if (!isAbsolute(fixture)) return message(`"fixture" must be an absolute path: ${fixture}`, 400)
    try {
      site.load(fixture)
    } catch (err) {
      if (site.isFixtureError(err)) return message(`Invalid fixture: ${(err as Error).message}`, 400)
      return message(`Loading the fixture failed: ${(err as Error).message}`, 500)
    }
    return c.body(null, 204)
  })
  admin.all('/reset', () => message('Method not allowed: use POST.', 405))

  admin.patch('/settings', async (c) => {
    const body = await jsonObject(c)
    if (!body) return message('The request body must be a JSON object.', 400)
    const known = Object.keys(site.settingsSchema.shape)
    const { bug_compat: bugCompat, ...settings } = body
    if (bugCompat !== undefined && (!site.bugCompat || typeof bugCompat !== 'boolean'))
      return message(
        site.bugCompat ? 'Invalid value for "bug_compat": expected a boolean' : 'Unknown setting "bug_compat".',
        400,
      )
    for (const key of Object.keys(settings)) if (!known.includes(key)) return message(`Unknown setting "${key}".`, 400)
    const parsed = site.settingsSchema.partial().safeParse(settings)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      return message(`Invalid value for "${issue.path.join('.')}": ${issue.message}`, 400)
    }
    const next = site.settingsSchema.parse({ ...site.readSettings(), ...parsed.data }) as z.infer<S>
    site.writeSettings(next)
    if (typeof bugCompat === 'boolean') site.bugCompat?.set(bugCompat)
    return plainJson(next, 200)
  })
  admin.all('/settings', (c) =>
    c.req.method === 'GET' ? plainJson(site.readSettings(), 200) : message('Method not allowed: use PATCH.', 405),
  )
  return admin
}
