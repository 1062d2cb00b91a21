import { Hono } from 'hono'
import * as z from 'zod'
import { plainJson } from '../../core/http/respond.js'
import { adminMessage, describeIssue } from '../control.http.js'
import type { RequestJournal } from './journal.js'

const querySchema = (max: number) =>
  z
    .object({
      method: z
        .string()
        .regex(/^[A-Za-z]+$/, 'must be an HTTP method')
        .optional(),
      path: z.string().startsWith('/', 'must be a path glob starting with "/"').optional(),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(Math.max(max, 1))
        .default(Math.min(100, Math.max(max, 1))),
    })
    .strict()

/** `/__admin/requests`: GET the most recent requests (newest first), DELETE forgets them. */
export function journalRoutes(journal: RequestJournal): Hono {
  const routes = new Hono()
  routes.get('/', (c) => {
    const parsed = querySchema(journal.size).safeParse(c.req.query())
    if (!parsed.success) return adminMessage(describeIssue(parsed.error), 400)
    return plainJson(journal.list(parsed.data), 200)
  })
  routes.delete('/', (c) => {
    journal.clear()
    return c.body(null, 204)
  })
  routes.all('/', () => adminMessage('Method not allowed: use GET or DELETE.', 405))
  return routes
}
