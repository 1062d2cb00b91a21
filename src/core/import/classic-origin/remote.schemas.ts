import * as z from 'zod'

/** Remote payloads, parsed once at the boundary; unknown keys are ignored, missing optional ones default. */
const ref = z.object({ id: z.coerce.number().int() }).passthrough()
const nullableRef = ref
  .nullable()
  .optional()
  .transform((v) => v ?? null)
const bool = z
  .union([z.boolean(), z.number(), z.string()])
  .transform((v) => v === true || v === 1 || v === '1' || v === 'true')

export const remoteElementText = z.object({
  html: bool.optional().default(false),
  text: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? ''),
  element_set: z
    .object({ id: z.coerce.number().int().nullable().optional(), name: z.string().optional() })
    .nullable()
    .optional(),
  element: z
    .object({ id: z.coerce.number().int().nullable().optional(), name: z.string().optional() })
    .nullable()
    .optional(),
})
export type RemoteElementText = z.infer<typeof remoteElementText>

const texts = z.array(remoteElementText).optional().default([])

export const remoteElementSet = z.object({
  id: z.coerce.number().int(),
  name: z.string(),
  description: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  record_type: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
})

export const remoteElement = z.object({
  id: z.coerce.number().int(),
  name: z.string(),
  order: z.coerce
    .number()
    .int()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  description: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  comment: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  element_set: ref,
})

export const remoteItemType = z.object({
  id: z.coerce.number().int(),
  name: z.string(),
  description: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  elements: z.array(ref).optional().default([]),
})

export const remoteUser = z.object({
  id: z.coerce.number().int(),
  username: z.string(),
  name: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? ''),
  email: z.string(),
  role: z.string(),
})

export const remoteCollection = z.object({
  id: z.coerce.number().int(),
  public: bool,
  featured: bool,
  added: z.string(),
  modified: z.string(),
  owner: nullableRef,
  element_texts: texts,
})

export const remoteItem = remoteCollection.extend({
  item_type: nullableRef,
  collection: nullableRef,
  tags: z
    .array(z.object({ name: z.coerce.string() }).passthrough())
    .optional()
    .default([]),
})

export const remoteFile = z.object({
  id: z.coerce.number().int(),
  file_urls: z.object({ original: z.string().nullable() }).passthrough(),
  added: z.string(),
  modified: z.string(),
  filename: z.string(),
  authentication: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  has_derivative_image: bool.optional().default(false),
  mime_type: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  order: z.coerce
    .number()
    .int()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  original_filename: z.string(),
  size: z.coerce.number().int(),
  stored: bool.optional().default(true),
  type_os: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  metadata: z.unknown().optional(),
  item: ref,
  element_texts: texts,
})

export const remoteSite = z.object({
  omeka_url: z.string(),
  omeka_version: z.string().optional(),
  title: z.string().optional(),
})

export type RemoteElementSet = z.infer<typeof remoteElementSet>
export type RemoteElement = z.infer<typeof remoteElement>
export type RemoteItemType = z.infer<typeof remoteItemType>
export type RemoteUser = z.infer<typeof remoteUser>
export type RemoteCollection = z.infer<typeof remoteCollection>
export type RemoteItem = z.infer<typeof remoteItem>
export type RemoteFile = z.infer<typeof remoteFile>
