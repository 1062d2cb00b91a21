import { changedFields, grouped, type FieldValues } from '../../core/import/diff.js'
import type { RunCtx } from './context.js'

/** One value row as stored: writer.ts builds it, the diff compares it. */
export interface ValueRow {
  propertyId: number
  type: string
  value: string | null
  uri: string | null
  lang: string | null
  vr: number | null
  isPublic: boolean
}

/** A property id's term (`dcterms:title`). */
function termOf(ctx: RunCtx, propertyId: number): string {
  const r = ctx.deps.db.$client
    .prepare(
      "SELECT v.prefix || ':' || p.local_name AS term FROM property p JOIN vocabulary v ON v.id = p.vocabulary_id WHERE p.id = ?",
    )
    .get(propertyId) as { term: string } | undefined
  return r?.term ?? `property ${propertyId}`
}

const byTerm = (ctx: RunCtx, rows: readonly ValueRow[]): FieldValues =>
  grouped(
    rows,
    (v) => termOf(ctx, v.propertyId),
    ({ propertyId: _, ...v }) => v,
  )

/** A media row's fields by their `o:` names (bytes by checksum and size, never by where they are stored). */
const mediaFields = (m: {
  itemId: unknown
  ingester: unknown
  renderer: unknown
  source: unknown
  mediaType: unknown
  sha256: unknown
  size: unknown
  position: unknown
  lang: unknown
  altText: unknown
  data: unknown
}): FieldValues => ({
  'o:item': m.itemId,
  'o:ingester': m.ingester,
  'o:renderer': m.renderer,
  'o:source': m.source ?? null,
  'o:media_type': m.mediaType ?? null,
  'o:original': [m.sha256 ?? null, m.size ?? null],
  'o:position': m.position ?? null,
  'o:lang': m.lang ?? null,
  'o:alt_text': m.altText ?? null,
  data: m.data ?? null,
})

/** What the diff reads of a mapped record (writer.ts's ResourceIn, named here to keep the two files acyclic). */
interface Mapped {
  kind: string
  ownerId: number | null
  templateId: number | null
  isPublic: boolean
  created: string | null
  modified: string | null
  itemSets?: number[]
  isOpen?: boolean
  thumbnailId?: number | null
  media?: Parameters<typeof mediaFields>[0]
}

/**
 * The fields an update of an item, item set or media changes, by property term and `o:` name: the dry
 * run's per-record diff. `rows` are the origin's values resolved to local properties and links.
 */
export function resourceChanges(
  ctx: RunCtx,
  r: Mapped,
  localId: number,
  rows: readonly ValueRow[],
  classId: number | null,
): string[] {
  const db = ctx.deps.db.$client
  const row = db.prepare('SELECT * FROM resource WHERE id = ?').get(localId) as Record<string, unknown>
  const localValues = byTerm(
    ctx,
    (
      db
        .prepare(
          'SELECT property_id AS propertyId, type, value, uri, lang, value_resource_id AS vr, is_public AS pub FROM value WHERE resource_id = ? ORDER BY id',
        )
        .all(localId) as (Omit<ValueRow, 'isPublic'> & { pub: number })[]
    ).map(({ pub, ...v }) => ({ ...v, isPublic: pub === 1 })),
  )
  const originValues = byTerm(ctx, rows)
  // Mirror rewrites every value: a property only the local record has is a change; merge keeps it.
  if (ctx.run.options.mode === 'mirror') for (const t of Object.keys(localValues)) originValues[t] ??= []
  const local: FieldValues = {
    'o:owner': row.owner_id ?? null,
    'o:resource_class': row.resource_class_id ?? null,
    'o:resource_template': row.resource_template_id ?? null,
    'o:is_public': row.is_public === 1,
    'o:modified': row.modified ?? null,
    'o:thumbnail': row.thumbnail_id ?? null,
    ...localValues,
  }
  const origin: FieldValues = {
    'o:owner': r.ownerId,
    'o:resource_class': classId,
    'o:resource_template': r.templateId,
    'o:is_public': r.isPublic,
    'o:modified': r.modified ?? undefined,
    'o:thumbnail': r.thumbnailId,
    ...originValues,
  }
  if (r.created !== null) (local['o:created'] = row.created), (origin['o:created'] = r.created)
  if (r.itemSets) {
    local['o:item_set'] = (
      db.prepare('SELECT item_set_id AS s FROM item_item_set WHERE item_id = ? ORDER BY position').all(localId) as {
        s: number
      }[]
    ).map((x) => x.s)
    origin['o:item_set'] = r.itemSets
  }
  if (r.kind === 'item_sets') {
    const open = db.prepare('SELECT is_open FROM item_set WHERE id = ?').get(localId) as { is_open: number }
    local['o:is_open'] = open?.is_open === 1
    origin['o:is_open'] = r.isOpen ?? false
  }
  if (r.media) {
    const m = db.prepare('SELECT * FROM media WHERE id = ?').get(localId) as Record<string, unknown> | undefined
    if (m)
      Object.assign(
        local,
        mediaFields({
          itemId: m.item_id,
          ingester: m.ingester,
          renderer: m.renderer,
          source: m.source,
          mediaType: m.media_type,
          sha256: m.sha256,
          size: m.size,
          position: m.position,
          lang: m.lang,
          altText: m.alt_text,
          data: typeof m.data === 'string' ? JSON.parse(m.data) : null,
        }),
      )
    Object.assign(origin, mediaFields(r.media))
  }
  return changedFields(local, origin)
}
