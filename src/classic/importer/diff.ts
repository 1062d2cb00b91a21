import type { ElementTextInput } from '../api/element-texts/element-texts.repo.js'
import type { Db } from '../db/client.js'
import { statement } from '../statements.js'
import { changedFields, grouped, type FieldValues } from '../../core/import/diff.js'
import type { RunCtx } from './context.js'
import type { FileFields, ItemFields } from './mappers/records.js'

type RecordType = 'Item' | 'Collection' | 'File'
const TABLE: Record<RecordType, string> = { Item: 'items', Collection: 'collections', File: 'files' }

/** Element ids → `Set: Element` names, read once per database (the schema is small and rarely changes). */
const names = new WeakMap<object, Map<number, string>>()
function elementName(db: Db, id: number): string {
  let m = names.get(db)
  if (!m?.has(id)) {
    const rows = statement(
      db,
      "SELECT e.id, s.name || ': ' || e.name AS name FROM elements e JOIN element_sets s ON s.id = e.element_set_id",
    ).all() as { id: number; name: string }[]
    names.set(db, (m = new Map(rows.map((r) => [r.id, r.name]))))
  }
  return m.get(id) ?? `element ${id}`
}

const textsByName = (db: Db, texts: readonly { elementId: number; html: boolean; text: string }[]): FieldValues =>
  grouped(
    texts,
    (t) => elementName(db, t.elementId),
    (t) => ({ html: t.html, text: t.text }),
  )

function localTexts(db: Db, type: RecordType, id: number): FieldValues {
  const rows = statement(
    db,
    'SELECT element_id AS elementId, html, text FROM element_texts WHERE record_type = ? AND record_id = ? ORDER BY id',
  ).all(type, id) as { elementId: number; html: number; text: string }[]
  return textsByName(
    db,
    rows.map((r) => ({ ...r, html: r.html === 1 })),
  )
}

/** The origin's element texts by name; in mirror mode an element only the local record has is emptied (a change). */
function originTexts(ctx: RunCtx, texts: readonly ElementTextInput[], local: FieldValues): FieldValues {
  const out = textsByName(ctx.deps.db, texts)
  if (ctx.run.options.mode === 'mirror') for (const n of Object.keys(local)) out[n] ??= []
  return out
}

const sortedTags = (tags: readonly string[]): string[] => [...new Set(tags.map((t) => t.trim()))].sort()

/**
 * The fields an update of an item or collection changes, by name (element names, `tags`, `public`,
 * `featured`, `collection`, `item_type`, `owner`, dates): the dry run's per-record diff.
 */
export function recordChanges(ctx: RunCtx, type: 'Item' | 'Collection', localId: number, w: ItemFields): string[] {
  const { db } = ctx.deps
  const row = statement(db, `SELECT * FROM ${TABLE[type]} WHERE id = ?`).get(localId) as Record<string, unknown>
  const texts = localTexts(db, type, localId)
  const local: FieldValues = {
    public: row.public === 1,
    featured: row.featured === 1,
    owner: row.owner_id ?? null,
    added: row.added,
    modified: row.modified,
    ...(type === 'Item'
      ? {
          collection: row.collection_id ?? null,
          item_type: row.item_type_id ?? null,
          tags: sortedTags(
            (
              statement(
                db,
                "SELECT t.name FROM records_tags rt JOIN tags t ON t.id = rt.tag_id WHERE rt.record_type = 'Item' AND rt.record_id = ?",
              ).all(localId) as { name: string }[]
            ).map((t) => t.name),
          ),
        }
      : {}),
    ...texts,
  }
  const origin: FieldValues = {
    public: w.public,
    featured: w.featured,
    owner: w.ownerId,
    added: w.added,
    modified: w.modified,
    ...(type === 'Item'
      ? {
          // undefined: a reference this run keeps as it is here (pending or invisible): not compared.
          collection: w.collectionId,
          item_type: w.itemTypeId,
          tags: sortedTags(w.tags),
        }
      : {}),
    ...originTexts(ctx, w.elementTexts, texts),
  }
  return changedFields(local, origin)
}

/** The fields an update of a file changes: its row's fields by their API names, element names, `file` for new bytes. */
export function fileChanges(ctx: RunCtx, localId: number, w: FileFields): string[] {
  const { db } = ctx.deps
  const row = statement(db, 'SELECT * FROM files WHERE id = ?').get(localId) as Record<string, unknown>
  const texts = localTexts(db, 'File', localId)
  const local: FieldValues = {
    item: row.item_id,
    order: row.order ?? null,
    original_filename: row.original_filename,
    file: [row.size, row.authentication ?? null],
    mime_type: row.mime_type ?? null,
    type_os: row.type_os ?? null,
    added: row.added,
    modified: row.modified,
    metadata: row.metadata,
    ...texts,
  }
  const origin: FieldValues = {
    item: w.itemId,
    order: w.order,
    original_filename: w.originalFilename,
    file: [w.size, w.authentication],
    mime_type: w.mimeType,
    type_os: w.typeOs,
    added: w.added,
    modified: w.modified,
    metadata: w.metadata,
    ...originTexts(ctx, w.elementTexts, texts),
  }
  return changedFields(local, origin)
}
