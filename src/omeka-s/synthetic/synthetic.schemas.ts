import * as z from 'zod'

/** Options of `omeka-twin seed --flavor s` (JSON-style snake_case keys, as the Classic seed's). */
export const seedOptionsSchema = z
  .object({
    items: z.coerce.number().int().min(0).max(200_000).default(100),
    item_sets: z.coerce.number().int().min(0).max(10_000).optional(),
    files: z.coerce.number().int().min(0).max(50_000).default(0),
    private_ratio: z.coerce.number().min(0).max(1).default(0.1),
    seed: z.coerce
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1),
  })
  .strict()
  .transform((o) => ({
    ...o,
    item_sets: o.item_sets ?? Math.min(Math.ceil(o.items / 100), 50),
    files: o.items === 0 ? 0 : o.files,
  }))
export type SeedOptions = z.output<typeof seedOptionsSchema>
