import type { Context } from 'hono'
import type * as z from 'zod'
import { plainJson } from '../core/http/respond.js'

/** A control-plane error or notice: `{"message": ...}`, as CONTRACT.md specifies for every error. */
export const adminMessage = (text: string, status: number) => plainJson({ message: text }, status)

/** The request body as JSON, or undefined when it is not JSON at all or not sent as `application/json`. */
export async function readJsonBody(c: Context): Promise<unknown> {
  if (!/^application\/json\s*(;|$)/i.test(c.req.header('Content-Type') ?? '')) return undefined
  try {
    return JSON.parse(await c.req.text()) as unknown
  } catch {
    return undefined
  }
}

/** The request body as a JSON object, or null (absent, invalid JSON, array, scalar). */
export async function jsonObject(c: Context): Promise<Record<string, unknown> | null> {
  const v = await readJsonBody(c)
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null
}

/** The first problem zod found, as one readable sentence naming the field. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!
  const where = issue.path.length ? `"${issue.path.join('.')}"` : 'the body'
  return `Invalid value for ${where}: ${issue.message}`
}
