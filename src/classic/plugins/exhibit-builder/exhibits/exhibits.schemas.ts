import * as z from 'zod'

const id = z.number().int().positive()
const ref = z.object({ id }).passthrough()
const timestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/,
    'must be an ISO 8601 timestamp like 2023-01-02T10:00:00+00:00',
  )

/** An exhibit as `/api/exhibits` serves it: a fixture's exhibits.json record, an imported record. */
export const exhibitJsonSchema = z
  .object({
    id,
    title: z
      .string()
      .nullable()
      .transform((v) => v ?? ''),
    slug: z.string().min(1),
    description: z
      .string()
      .nullable()
      .transform((v) => v ?? ''),
    credits: z
      .string()
      .nullable()
      .transform((v) => v ?? ''),
    featured: z.boolean(),
    public: z.boolean(),
    added: timestamp,
    modified: timestamp,
    owner: ref.nullable(),
    tags: z.array(ref.extend({ name: z.string().optional() })),
  })
  .passthrough()
export type ExhibitJson = z.infer<typeof exhibitJsonSchema>
