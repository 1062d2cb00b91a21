import * as z from 'zod'

const id = z.number().int().positive()
const ref = z.object({ id }).passthrough()

const attachmentSchema = z.object({ id, caption: z.string().nullable(), item: ref, file: ref.optional() }).passthrough()

const blockSchema = z
  .object({
    id,
    layout: z.string().min(1),
    // Decoded JSON options (an object, or [] for an empty PHP array), null for text blocks.
    options: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).nullable(),
    text: z.string().nullable(),
    order: z.number().int(),
    attachments: z.array(attachmentSchema),
  })
  .passthrough()

/** An exhibit page as `/api/exhibit_pages` serves it, blocks and attachments included. */
export const pageJsonSchema = z
  .object({
    id,
    title: z
      .string()
      .nullable()
      .transform((v) => v ?? ''),
    slug: z.string().min(1),
    order: z.number().int(),
    exhibit: ref,
    parent: ref.nullable(),
    page_blocks: z.array(blockSchema),
  })
  .passthrough()
export type PageJson = z.infer<typeof pageJsonSchema>

/** Block options as ExhibitBuilder stores them: JSON text, or NULL. */
export function encodeOptions(options: PageJson['page_blocks'][number]['options']): string | null {
  return options === null ? null : JSON.stringify(options)
}

/** Pages ordered so that every parent comes before its children; undefined when parents loop or are missing. */
export function parentsFirst<T extends { id: number; parent: { id: number } | null }>(
  pages: readonly T[],
  known: (id: number) => boolean = () => false,
): T[] | undefined {
  const out: T[] = []
  const placed = new Set<number>()
  let pending = [...pages]
  while (pending.length) {
    const ready = pending.filter((p) => p.parent === null || placed.has(p.parent.id) || known(p.parent.id))
    if (ready.length === 0) return undefined
    for (const p of ready) {
      out.push(p)
      placed.add(p.id)
    }
    pending = pending.filter((p) => !placed.has(p.id))
  }
  return out
}
