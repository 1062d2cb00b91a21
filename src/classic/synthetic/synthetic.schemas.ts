import * as z from 'zod'

/** Options of `omeka-twin seed` and `POST /__admin/seed` (JSON keys are snake_case). */
export const seedOptionsSchema = z
  .object({
    items: z.coerce.number().int().min(0).max(200_000).default(100),
    collections: z.coerce.number().int().min(0).max(10_000).optional(),
    files: z.coerce.number().int().min(0).max(50_000).default(0),
    private_ratio: z.coerce.number().min(0).max(1).default(0.1),
    seed: z.coerce
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1),
    /** Share of items with a Geolocation location (> 0 enables Geolocation). */
    locations_ratio: z.coerce.number().min(0).max(1).default(0),
    /** ExhibitBuilder exhibits, each with pages, blocks and attachments (> 0 enables ExhibitBuilder). */
    exhibits: z.coerce.number().int().min(0).max(10_000).default(0),
  })
  .strict()
  .transform((o) => ({ ...o, collections: o.collections ?? Math.min(Math.ceil(o.items / 100), 50) }))
export type SeedOptions = z.output<typeof seedOptionsSchema>
export type SeedOptionsInput = z.input<typeof seedOptionsSchema>
