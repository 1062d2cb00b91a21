import * as z from 'zod'

// A fault rule: which requests it matches, how often it fires, and what it does to them.
// Effects are one of a closed set (discriminated by `type`), so a typo is a 400, never a silent no-op.

const ms = z.number().int().min(0).max(600_000)

const latency = z
  .object({ type: z.literal('latency'), ms: ms.optional(), min_ms: ms.optional(), max_ms: ms.optional() })
  .strict()
  .refine(
    (e) => (e.ms !== undefined) !== (e.min_ms !== undefined && e.max_ms !== undefined),
    'give either "ms" or both "min_ms" and "max_ms"',
  )
  .refine(
    (e) => e.min_ms === undefined || e.max_ms === undefined || e.min_ms <= e.max_ms,
    '"min_ms" must not exceed "max_ms"',
  )

const status = z
  .object({
    type: z.literal('status'),
    status: z.number().int().min(400).max(599),
    message: z.string().optional(),
    retry_after: z.number().int().min(0).optional(),
  })
  .strict()

const drop = z.object({ type: z.literal('drop') }).strict()

const slowBody = z
  .object({
    type: z.literal('slow_body'),
    chunk_bytes: z
      .number()
      .int()
      .min(1)
      .max(1 << 20)
      .default(1024),
    interval_ms: ms.default(100),
  })
  .strict()

const truncate = z.object({ type: z.literal('truncate'), bytes: z.number().int().min(0) }).strict()

const apiDisabled = z.object({ type: z.literal('api_disabled') }).strict()

/**
 * An HTML page in place of the API's JSON, as a misconfigured PHP origin or a proxy in front of it answers:
 * nginx's error page (`style: "nginx"`, the default for 502-504) or a PHP error page (`"php"`, the default
 * otherwise; with status 200 it is PHP's fatal error printed into a 200 response).
 */
const html = z
  .object({
    type: z.literal('html'),
    status: z.number().int().min(200).max(599).default(500),
    style: z.enum(['nginx', 'php']).optional(),
    retry_after: z.number().int().min(0).optional(),
  })
  .strict()

export const faultEffectSchema = z.discriminatedUnion('type', [
  latency,
  status,
  drop,
  slowBody,
  truncate,
  apiDisabled,
  html,
])
export type FaultEffect = z.infer<typeof faultEffectSchema>

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const

export const faultRuleSchema = z
  .object({
    name: z.string().min(1).max(100).optional(),
    method: z
      .union([z.string(), z.array(z.string()).min(1)])
      .transform((m) => (Array.isArray(m) ? m : [m]).map((x) => x.toUpperCase()))
      .pipe(z.array(z.enum(METHODS)))
      .optional(),
    /** Glob on the path (no query string): `*` any run of characters, `?` one character. */
    path: z.string().startsWith('/', 'must start with "/"').max(500).default('/*'),
    /** Only requests carrying this API key (`?key=`). */
    key: z.string().min(1).optional(),
    probability: z.number().min(0).max(1).default(1),
    /** How many more times the rule may fire; absent: without limit. */
    count: z.number().int().min(1).optional(),
    effect: faultEffectSchema,
  })
  .strict()
export type FaultRule = z.infer<typeof faultRuleSchema>
export type FaultRuleInput = z.input<typeof faultRuleSchema>

/** The body of `PUT /__admin/faults` and the content of `serve --faults rules.json`: a list, or a list with a seed. */
export const faultSetSchema = z.preprocess(
  (v) => (Array.isArray(v) ? { rules: v } : v),
  z
    .object({
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 32 - 1)
        .default(1),
      rules: z.array(faultRuleSchema).max(100),
    })
    .strict(),
)
export type FaultSet = z.output<typeof faultSetSchema>
export type FaultSetInput = z.input<typeof faultSetSchema>
