import * as z from 'zod'
import { ApiError } from '../../../core/http/errors.js'

const bool = z.boolean()

/** `POST /api/imports`: unknown fields are refused so a typo never silently changes a run. */
export const importCreate = z
  .object({
    endpoint: z.string().min(1),
    key: z.string().nullable().optional(),
    override_element_sets: bool.optional().default(false),
    import_users: bool.optional().default(true),
    mode: z.enum(['merge', 'mirror']).optional().default('merge'),
    dry_run: bool.optional().default(false),
    full: bool.optional().default(false),
  })
  .strict()

/** `PUT /api/imports/:id`: cancel, resume (with the key again) or undo (optionally forced). */
export const importUpdate = z
  .object({
    status: z.enum(['cancelled', 'running', 'undone']),
    key: z.string().nullable().optional(),
    force: bool.optional().default(false),
  })
  .strict()

/** Parses a body with a schema; failures are Omeka-style 400s naming the field. */
export function parseBody<S extends z.ZodTypeAny>(schema: S, body: Record<string, unknown>): z.infer<S> {
  const r = schema.safeParse(body)
  if (r.success) return r.data
  const issue = r.error.issues[0]!
  const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'body')
  throw new ApiError(400, 'Invalid request.', { [field]: issue.message })
}
