import { insertCollection, updateCollection } from '../../api/collections/collections.repo.js'
import { insertElementTexts, type ElementTextInput } from '../../api/element-texts/element-texts.repo.js'
import { insertItem, updateItem } from '../../api/items/items.repo.js'
import type { Db } from '../../db/client.js'
import { commitPage, keepTargetFull, nextPageUrl, walk, type RunCtx } from '../context.js'
import type { MapEntry } from '../id-map.js'
import {
  mapCollection,
  mapItem,
  type CollectionFields,
  type ItemFields,
  type MappedRecord,
  type Resolver,
} from '../mappers/records.js'
import { remoteCollection, remoteItem } from '../../../core/import/classic-origin/remote.schemas.js'
import type { RecordLog } from '../runs.repo.js'
import { preferredId } from './schema.js'
import { ensureUsers, ownerFor } from './users.js'
import { statement } from '../../statements.js'
import { fingerprint, localAdditions } from '../../../core/import/provenance.js'
import { recordChanges } from '../diff.js'

type Kind = 'collections' | 'items'
const TABLE = { collections: 'collections', items: 'items' } as const
const RECORD_TYPE = { collections: 'Collection', items: 'Item' } as const

/** A content hash qualified by the run's mode. */
export function modeHash(ctx: RunCtx, hash: string): string {
  return ctx.run.options.mode === 'mirror' ? `${hash}:mirror` : hash
}

/** The resolver over the run's maps. */
export function resolver(ctx: RunCtx, itemIds: Map<number, number> = new Map()): Resolver {
  return {
    element: (et) =>
      (et.element?.id != null ? ctx.elements.get(et.element.id) : undefined) ??
      ctx.elementByName.get(`${et.element_set?.name ?? ''}\u0000${et.element?.name ?? ''}`),
    collection: (id) => ctx.collections.get(id),
    itemType: (id) => ctx.itemTypes.get(id),
    owner: (id) => ownerFor(ctx, id),
    item: (id) => itemIds.get(id),
  }
}

const textFingerprint = (t: ElementTextInput): string => fingerprint(['text', t.elementId, t.html, t.text])
const tagFingerprint = (name: string): string => fingerprint(['tag', name])

/** What an import writes to a record: its element texts and tags, by fingerprint (see provenance.ts). */
const provenanceOf = (w: ItemFields): string[] => [
  ...w.elementTexts.map(textFingerprint),
  ...(w.tags ?? []).map(tagFingerprint),
]

/**
 * Merge: the origin's element texts, then the local additions (texts no earlier import wrote). Without
 * recorded provenance, the old rule: the origin's values replace only the elements it has.
 */
function mergeTexts(db: Db, kind: Kind, id: number, texts: ElementTextInput[], previous: string[] | null) {
  const local = statement<{ elementId: number; html: number; text: string }>(
    db,
    'SELECT element_id AS elementId, html, text FROM element_texts WHERE record_type = ? AND record_id = ? ORDER BY id',
  )
    .all(RECORD_TYPE[kind], id)
    .map((t) => ({ ...t, html: t.html === 1 }))
  const originElements = new Set(texts.map((t) => t.elementId))
  const kept = localAdditions(
    local,
    previous?.filter((f) => f.startsWith('["text"')) ?? null,
    textFingerprint,
    (t) => !originElements.has(t.elementId),
  )
  statement(db, 'DELETE FROM element_texts WHERE record_type = ? AND record_id = ?').run(RECORD_TYPE[kind], id)
  insertElementTexts(db, RECORD_TYPE[kind], id, [...texts, ...kept])
}

function localTags(db: Db, id: number): string[] {
  return statement<{ name: string }>(
    db,
    "SELECT t.name FROM records_tags rt JOIN tags t ON t.id = rt.tag_id WHERE rt.record_type = 'Item' AND rt.record_id = ?",
  )
    .all(id)
    .map((r) => r.name)
}

/** Tag names that do not exist yet (logged so undo can remove the tags this run created). */
function newTags(db: Db, names: readonly string[]): string[] {
  const find = statement(db, 'SELECT 1 FROM tags WHERE name = ?')
  return [...new Set(names)].filter((n) => n.trim() !== '' && !find.get(n.trim()))
}

function writeRecord(
  ctx: RunCtx,
  kind: Kind,
  m: MappedRecord<CollectionFields | ItemFields>,
  remoteId: number,
  entry: MapEntry | undefined,
  exists: boolean,
): number {
  const { db } = ctx.deps
  const w = m.write as ItemFields
  const mirror = ctx.run.options.mode === 'mirror'
  const fields = { public: w.public, featured: w.featured, added: w.added, modified: w.modified, ownerId: w.ownerId }
  const typed =
    kind === 'items'
      ? { itemTypeId: w.itemTypeId, ...(w.collectionId !== undefined ? { collectionId: w.collectionId } : {}) }
      : {}
  if (!exists) {
    const id = preferredId(ctx, TABLE[kind], remoteId)
    return kind === 'items'
      ? insertItem(db, { ...fields, ...typed, elementTexts: w.elementTexts, tags: w.tags }, id)
      : insertCollection(db, { ...fields, elementTexts: w.elementTexts }, id)
  }
  const localId = entry!.localId
  const previous = mirror ? null : ctx.map.provenance(kind, remoteId)
  // Merge: tags the origin dropped go when an earlier import brought them; tags added here stay.
  const keptTags = () =>
    localAdditions(
      localTags(db, localId),
      previous?.filter((f) => f.startsWith('["tag"')) ?? null,
      tagFingerprint,
      () => true,
    )
  if (kind === 'items')
    updateItem(db, localId, {
      ...fields,
      ...typed,
      ...(mirror ? { elementTexts: w.elementTexts, tags: w.tags } : { tags: [...new Set([...w.tags, ...keptTags()])] }),
    })
  else updateCollection(db, localId, { ...fields, ...(mirror ? { elementTexts: w.elementTexts } : {}) })
  if (!mirror) mergeTexts(db, kind, localId, w.elementTexts, previous)
  return localId
}

function handleRecord(ctx: RunCtx, kind: Kind, raw: unknown, entries: Map<number, MapEntry>): RecordLog[] {
  const { db } = ctx.deps
  const parsed = kind === 'items' ? remoteItem.safeParse(raw) : remoteCollection.safeParse(raw)
  const rid = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : null
  if (!parsed.success)
    return [
      {
        resource: kind,
        remoteId: rid,
        localId: null,
        outcome: 'failed',
        message: `Unreadable record: ${parsed.error.issues[0]?.message ?? ''}`,
      },
    ]
  const r = parsed.data
  ctx.seen[kind]?.add(r.id)
  const m =
    kind === 'items'
      ? mapItem(parsed.data as never, resolver(ctx), { authenticated: ctx.run.options.authenticated })
      : mapCollection(r, resolver(ctx))
  // The mode is part of the hash: a mirror run after merge runs rewrites once, dropping merged-in extras.
  m.hash = modeHash(ctx, m.hash)
  const entry = entries.get(r.id)
  const local = entry
    ? statement<{ modified: string }>(db, `SELECT modified FROM ${TABLE[kind]} WHERE id = ?`).get(entry.localId)
    : undefined
  const message = m.messages.join('; ') || null
  const editedHere = !!local && local.modified !== entry?.localModified
  // Mirror makes a locally edited record equal to the origin again; merge keeps the local edit.
  if (entry && local && entry.hash === m.hash && !(editedHere && ctx.run.options.mode === 'mirror')) {
    if (kind === 'collections') ctx.collections.set(r.id, entry.localId)
    return [
      {
        resource: kind,
        remoteId: r.id,
        localId: entry.localId,
        outcome: 'unchanged',
        message: editedHere ? 'Edited locally since the last import; kept' : null,
      },
    ]
  }
  const outcome = entry && local ? 'updated' : 'created'
  // What an update changes, named before it is written (the dry run's per-record diff).
  const changes =
    outcome === 'updated' ? recordChanges(ctx, RECORD_TYPE[kind], entry!.localId, m.write as ItemFields) : null
  if (ctx.dry) return [{ resource: kind, remoteId: r.id, localId: entry?.localId ?? null, outcome, message, changes }]
  const tags = kind === 'items' ? newTags(db, (m.write as ItemFields).tags) : []
  const localId = writeRecord(ctx, kind, m, r.id, entry, !!(entry && local))
  if (kind === 'collections') ctx.collections.set(r.id, localId)
  const pending = Object.keys(m.pending).length ? JSON.stringify(m.pending) : null
  const modified = statement<{ modified: string }>(db, `SELECT modified FROM ${TABLE[kind]} WHERE id = ?`).get(
    localId,
  )!.modified
  ctx.map.put(kind, {
    remoteId: r.id,
    localId,
    hash: m.hash,
    localModified: modified,
    createdByRun: outcome === 'created' ? ctx.run.id : (entry?.createdByRun ?? null),
    pending,
  })
  ctx.map.setProvenance(kind, r.id, provenanceOf(m.write as ItemFields))
  const tagIds = tags.map(
    (n) => statement<{ id: number }>(db, 'SELECT id FROM tags WHERE name = ?').get(n.trim())?.id ?? null,
  )
  return [
    { resource: kind, remoteId: r.id, localId, outcome, message, changes },
    ...tagIds.map((id): RecordLog => ({ resource: 'tags', remoteId: null, localId: id, outcome: 'created' })),
  ]
}

/** Collections or items: page by page, owners resolved first, one transaction per page. */
export async function importRecords(ctx: RunCtx, kind: Kind, url: string): Promise<void> {
  await walk(ctx, kind, url, async (page) => {
    const owners = page.records
      .map((r) => (r as { owner?: { id?: unknown } | null })?.owner?.id)
      .filter((id): id is number => typeof id === 'number')
    await ensureUsers(ctx, owners)
    const ids = page.records
      .map((r) => (r as { id?: unknown })?.id)
      .filter((id): id is number => typeof id === 'number')
    const entries = ctx.map.lookup(kind, ids)
    // One savepoint per record (a failed record rolls back alone), its wrapper made once per page, not per record.
    const one = ctx.deps.db.$client.transaction((raw: unknown) => handleRecord(ctx, kind, raw, entries))
    commitPage(ctx, { resource: kind, url: nextPageUrl(page.url) }, () =>
      page.records.flatMap((raw) => {
        try {
          return one(raw)
        } catch (err) {
          keepTargetFull(err)
          return [
            {
              resource: kind,
              remoteId: (raw as { id?: number })?.id ?? null,
              localId: null,
              outcome: 'failed' as const,
              message: (err as Error).message,
            },
          ]
        }
      }),
    )
  })
}

/**
 * The origin's tags index is reproduced first, with its ids where free (clones keep tag ids), in both
 * modes: a keyless import would otherwise lose the tags that only private records carry.
 */
export async function mirrorTags(ctx: RunCtx): Promise<void> {
  if (ctx.dry) return
  const { db } = ctx.deps
  for await (const r of ctx.client.pages(ctx.client.apiUrl('tags', { page: '1', per_page: '50' }))) {
    if (!r.ok) {
      // Not a silent gap: the run stops before the items, interrupted, and reads the tags again on resume.
      const message = `Could not read the tags index: ${r.error.message}`
      ctx.unread = { resource: 'items', message }
      ctx.store.transaction(() =>
        ctx.store.log(ctx.run.id, [{ resource: 'tags', remoteId: null, localId: null, outcome: 'failed', message }]),
      )
      return
    }
    const logs: RecordLog[] = []
    db.$client.transaction(() => {
      for (const t of r.value.records as { id?: unknown; name?: unknown }[]) {
        if (typeof t?.id !== 'number' || typeof t.name !== 'string' || t.name.trim() === '') continue
        if (statement(db, 'SELECT 1 FROM tags WHERE name = ?').get(t.name)) continue
        // The origin's id where it is free here, a new one otherwise.
        const free = !statement(db, 'SELECT 1 FROM tags WHERE id = ?').get(t.id)
        const localId = free
          ? (statement(db, 'INSERT INTO tags (id, name) VALUES (?, ?)').run(t.id, t.name), t.id)
          : Number(statement(db, 'INSERT INTO tags (name) VALUES (?)').run(t.name).lastInsertRowid)
        logs.push({ resource: 'tags', remoteId: t.id, localId, outcome: 'created' })
      }
    })()
    commitPage(ctx, null, () => logs)
  }
}
