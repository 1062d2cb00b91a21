import type { Db } from '../db/client.js'
import { claimId } from './s-records.js'
import { contentHash } from '../../core/import/content-hash.js'
import { fingerprint, localAdditions } from '../../core/import/provenance.js'
import type { RunCtx } from './context.js'
import type { MapEntry } from './id-map.js'
import type { RecordLog } from './runs.repo.js'
import type { IngestedMedia } from '../api/media/media.ingest.js'
import { resourceChanges, type ValueRow } from './diff.js'

export type Kind = 'items' | 'item_sets' | 'media'

/** One value as the origin has it; a link names the remote resource, resolved at write time. */
export interface ValueIn {
  term: string
  type: string
  value: string | null
  uri: string | null
  lang: string | null
  isPublic: boolean
  link: { remoteId: number; kind: Kind | null } | null
}

/**
 * A media row's own fields (the bytes are already stored under `storageId`): what an ingester
 * produces, with any ingester/renderer name an origin used, plus the media's place and labels.
 */
export interface MediaIn extends Omit<IngestedMedia, 'ingester' | 'renderer'> {
  itemId: number
  position: number
  ingester: string
  renderer: string
  lang: string | null
  altText: string | null
}

/** A resource as a mapper made it from an origin record (S or Classic JSON). */
export interface ResourceIn {
  kind: Kind
  remoteId: number
  ownerId: number | null
  classTerm: string | null
  templateId: number | null
  isPublic: boolean
  /** Origin dates (null: the import time). */
  created: string | null
  modified: string | null
  values: ValueIn[]
  itemSets?: number[]
  isOpen?: boolean
  /** Local asset id (S origins; null: none). Undefined: the origin has no thumbnails, the local one stays. */
  thumbnailId?: number | null
  media?: MediaIn
  /** Kept on the identity map for later phases. */
  data?: unknown
  messages: string[]
}

/** The content hash of a mapped record: bytes count by checksum, never by where they are stored. */
export function resourceHash(ctx: RunCtx, r: ResourceIn): string {
  const media = r.media && { ...r.media, storageId: null, hasThumbnails: null }
  // No thumbnail hashes as before thumbnails were imported: records imported earlier stay unchanged.
  return `${contentHash({ ...r, media, messages: null, thumbnailId: r.thumbnailId ?? undefined })}:${ctx.run.options.mode}`
}

const RESOURCE_OF: Record<Kind, 'items' | 'item_sets' | 'media'> = {
  items: 'items',
  item_sets: 'item_sets',
  media: 'media',
}

/** A remote resource id → local id through the identity map (any kind when the origin did not say). */
export function localLink(ctx: RunCtx, link: { remoteId: number; kind: Kind | null }): number | undefined {
  for (const kind of link.kind ? [link.kind] : (['items', 'item_sets', 'media'] as const)) {
    const e = ctx.map.get(RESOURCE_OF[kind], link.remoteId)
    if (e && ctx.deps.db.$client.prepare('SELECT 1 FROM resource WHERE id = ?').get(e.localId)) return e.localId
  }
  return undefined
}

interface Resolved {
  rows: ValueRow[]
  pending: boolean
  unknown: string[]
}

/** Terms → local properties, links → local resources; unknown terms are reported, unresolved links left pending. */
export function resolveValues(ctx: RunCtx, values: readonly ValueIn[]): Resolved {
  const out: Resolved = { rows: [], pending: false, unknown: [] }
  for (const v of values) {
    const propertyId = ctx.catalog.propertyIdOf(v.term)
    if (!propertyId) {
      if (!out.unknown.includes(v.term)) out.unknown.push(v.term)
      continue
    }
    const vr = v.link ? localLink(ctx, v.link) : null
    if (vr === undefined) {
      out.pending = true
      continue
    }
    out.rows.push({ propertyId, type: v.type, value: v.value, uri: v.uri, lang: v.lang, vr, isPublic: v.isPublic })
  }
  return out
}

const valueFingerprint = (v: ValueRow): string =>
  fingerprint([v.propertyId, v.type, v.value, v.uri, v.lang, v.vr, v.isPublic])

/**
 * Writes values: all of them (create, mirror) or, merging, the origin's values and then the local
 * additions (values no earlier import wrote: see provenance.ts; records imported before provenance was
 * kept fall back to "the origin's properties replace the local ones"). Returns the new provenance.
 */
export function applyValues(
  db: Db,
  id: number,
  rows: Resolved['rows'],
  replaceAll: boolean,
  previous: string[] | null,
): string[] {
  const local = replaceAll
    ? []
    : (
        db.$client
          .prepare(
            'SELECT property_id AS propertyId, type, value, uri, lang, value_resource_id AS vr, is_public AS pub FROM value WHERE resource_id = ? ORDER BY id',
          )
          .all(id) as (Omit<ValueRow, 'isPublic'> & { pub: number })[]
      ).map(({ pub, ...v }) => ({ ...v, isPublic: pub === 1 }))
  const originProps = new Set(rows.map((r) => r.propertyId))
  const kept = localAdditions(local, previous, valueFingerprint, (v) => !originProps.has(v.propertyId))
  db.$client.prepare('DELETE FROM value WHERE resource_id = ?').run(id)
  const insert = db.$client.prepare(
    'INSERT INTO value (resource_id, property_id, value_resource_id, type, lang, value, uri, is_public) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  for (const v of [...rows, ...kept])
    insert.run(id, v.propertyId, v.vr, v.type, v.lang, v.value, v.uri, v.isPublic ? 1 : 0)
  return rows.map(valueFingerprint)
}

/** The title as Omeka S derives it: the first value of the template's title property, else of dcterms:title. */
export function refreshTitle(ctx: RunCtx, id: number): void {
  const { db } = ctx.deps
  const row = db.$client
    .prepare<
      unknown[],
      {
        t: number | null
      }
    >('SELECT resource_template_id AS t FROM resource WHERE id = ?')
    .get(id)!
  const titleProperty = ctx.catalog.template(row.t)?.titleProperty ?? ctx.catalog.propertyIdOf('dcterms:title')
  const v = db.$client
    .prepare<unknown[], { value: string | null; uri: string | null }>(
      'SELECT value, uri FROM value WHERE resource_id = ? AND property_id = ? ORDER BY id LIMIT 1',
    )
    .get(id, titleProperty)
  db.$client.prepare('UPDATE resource SET title = ? WHERE id = ?').run(v ? (v.value ?? v.uri) : null, id)
}

function writeMediaRow(db: Db, id: number, m: MediaIn, creating: boolean): void {
  const cols = [
    m.itemId,
    m.ingester,
    m.renderer,
    m.data === null ? null : JSON.stringify(m.data),
    m.source,
    m.mediaType,
    m.storageId,
    m.extension,
    m.sha256,
    m.size,
    m.hasOriginal ? 1 : 0,
    m.hasThumbnails ? 1 : 0,
    m.position,
    m.lang,
    m.altText,
  ]
  if (creating)
    db.$client
      .prepare(
        'INSERT INTO media (item_id, ingester, renderer, data, source, media_type, storage_id, extension, sha256, size, has_original, has_thumbnails, position, lang, alt_text, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(...cols, id)
  else
    db.$client
      .prepare(
        'UPDATE media SET item_id = ?, ingester = ?, renderer = ?, data = ?, source = ?, media_type = ?, storage_id = ?, extension = ?, sha256 = ?, size = ?, has_original = ?, has_thumbnails = ?, position = ?, lang = ?, alt_text = ? WHERE id = ?',
      )
      .run(...cols, id)
}

const setFingerprint = (s: number): string => fingerprint(['set', s])
const isSetFingerprint = (f: string): boolean => f.startsWith('["set"')

/** An item's item sets: the origin's, then (merging) the memberships no earlier import made. Returns their provenance. */
function writeItemSets(
  db: Db,
  id: number,
  sets: readonly number[],
  replaceAll: boolean,
  previous: string[] | null,
): string[] {
  const local = replaceAll
    ? []
    : db.$client
        .prepare<unknown[], { s: number }>(
          'SELECT item_set_id AS s FROM item_item_set WHERE item_id = ? ORDER BY position',
        )
        .all(id)
        .map((r) => r.s)
  const kept = localAdditions(local, previous?.filter(isSetFingerprint) ?? null, setFingerprint, () => true)
  db.$client.prepare('DELETE FROM item_item_set WHERE item_id = ?').run(id)
  ;[...new Set([...sets, ...kept])].forEach((s, n) =>
    db.$client.prepare('INSERT INTO item_item_set (item_id, item_set_id, position) VALUES (?, ?, ?)').run(id, s, n + 1),
  )
  return sets.map(setFingerprint)
}

/** A resource class term's local id (null: none, or not known here). */
function classIdOf(ctx: RunCtx, term: string | null): number | null {
  if (!term) return null
  const row = ctx.deps.db.$client
    .prepare(
      "SELECT c.id FROM resource_class c JOIN vocabulary v ON v.id = c.vocabulary_id WHERE v.prefix || ':' || c.local_name = ?",
    )
    .get(term) as { id: number } | undefined
  return row?.id ?? null
}

/** Inserts or updates the rows of one resource; returns its local id and the provenance of its values. */
function writeRows(
  ctx: RunCtx,
  r: ResourceIn,
  existing: number | null,
  resolved: Resolved,
  previous: string[] | null,
): { id: number; provenance: string[] } {
  const { db } = ctx.deps
  const now = new Date().toISOString().replace(/\.\d+Z$/, '+00:00')
  const replaceAll = existing === null || ctx.run.options.mode === 'mirror'
  const classId = classIdOf(ctx, r.classTerm)
  const fields = [r.ownerId, classId, r.templateId, r.isPublic ? 1 : 0, r.modified ?? now]
  const id = existing ?? claimId(ctx, 'resource', r.remoteId)
  if (existing === null) {
    db.$client
      .prepare(
        'INSERT INTO resource (resource_type, owner_id, resource_class_id, resource_template_id, is_public, modified, created, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(r.kind, ...fields, r.created ?? now, id)
    if (r.kind === 'items') db.$client.prepare('INSERT INTO item (id, primary_media_id) VALUES (?, NULL)').run(id)
    if (r.kind === 'item_sets')
      db.$client.prepare('INSERT INTO item_set (id, is_open) VALUES (?, ?)').run(id, r.isOpen ? 1 : 0)
  } else {
    db.$client
      .prepare(
        'UPDATE resource SET owner_id = ?, resource_class_id = ?, resource_template_id = ?, is_public = ?, modified = ?, created = COALESCE(?, created) WHERE id = ?',
      )
      .run(...fields, r.created, id)
    if (r.kind === 'item_sets')
      db.$client.prepare('UPDATE item_set SET is_open = ? WHERE id = ?').run(r.isOpen ? 1 : 0, id)
  }
  if (r.thumbnailId !== undefined)
    db.$client.prepare('UPDATE resource SET thumbnail_id = ? WHERE id = ?').run(r.thumbnailId, id)
  if (r.media) writeMediaRow(db, id, r.media, existing === null)
  const sets = r.itemSets ? writeItemSets(db, id, r.itemSets, replaceAll, previous) : []
  const values = applyValues(db, id, resolved.rows, replaceAll, previous?.filter((f) => !isSetFingerprint(f)) ?? null)
  refreshTitle(ctx, id)
  return { id, provenance: [...values, ...sets] }
}

/**
 * One record: unchanged when its hash matches and the local record still exists (a merge keeps a local
 * edit; a mirror rewrites it), else created or updated, in the caller's transaction.
 */
export function importResource(ctx: RunCtx, r: ResourceIn, entry: MapEntry | undefined): RecordLog {
  const { db } = ctx.deps
  const hash = resourceHash(ctx, r)
  const local = entry
    ? db.$client
        .prepare<unknown[], { modified: string | null }>(
          'SELECT modified FROM resource WHERE id = ? AND resource_type = ?',
        )
        .get(entry.localId, r.kind)
    : undefined
  const editedHere = !!local && local.modified !== entry?.localModified
  const base = { resource: r.kind, remoteId: r.remoteId }
  if (entry && local && entry.hash === hash && !(editedHere && ctx.run.options.mode === 'mirror'))
    return {
      ...base,
      localId: entry.localId,
      outcome: 'unchanged',
      message: editedHere ? 'Edited locally since the last import; kept' : null,
    }
  const outcome = entry && local ? 'updated' : 'created'
  const resolved = resolveValues(ctx, r.values)
  // What an update changes, named before it is written (the dry run's per-record diff).
  const changes =
    outcome === 'updated' ? resourceChanges(ctx, r, entry!.localId, resolved.rows, classIdOf(ctx, r.classTerm)) : null
  if (ctx.run.options.dry_run)
    return {
      ...base,
      localId: entry?.localId ?? null,
      outcome: outcome === 'created' ? 'would_create' : 'would_update',
      changes,
    }
  const { id, provenance } = writeRows(
    ctx,
    r,
    entry && local ? entry.localId : null,
    resolved,
    entry && local ? ctx.map.provenance(r.kind, r.remoteId) : [],
  )
  const modified = db.$client
    .prepare<unknown[], { modified: string | null }>('SELECT modified FROM resource WHERE id = ?')
    .get(id)!.modified
  const pending = resolved.pending ? JSON.stringify(r.values) : null
  ctx.map.put(r.kind, {
    remoteId: r.remoteId,
    localId: id,
    hash,
    localModified: modified,
    createdByRun: outcome === 'created' ? ctx.run.id : (entry?.createdByRun ?? null),
    pending,
    data: r.data === undefined ? null : JSON.stringify(r.data),
  })
  ctx.map.setProvenance(r.kind, r.remoteId, provenance)
  const messages = [...r.messages, ...resolved.unknown.map((t) => `Unknown property ${t}: its values were skipped`)]
  return { ...base, localId: id, outcome, message: messages.join('; ') || null, changes }
}

/** The links phase: values whose linked resource arrived later in the run are written now. */
export function resolvePendingLinks(ctx: RunCtx): RecordLog[] {
  const logs: RecordLog[] = []
  for (const e of ctx.map.pending()) {
    if (!ctx.deps.db.$client.prepare('SELECT 1 FROM resource WHERE id = ?').get(e.localId)) continue
    const resolved = resolveValues(ctx, JSON.parse(e.pending!) as ValueIn[])
    const previous = ctx.map.provenance(e.resource, e.remoteId)
    const values = applyValues(
      ctx.deps.db,
      e.localId,
      resolved.rows,
      ctx.run.options.mode === 'mirror',
      previous?.filter((f) => !isSetFingerprint(f)) ?? null,
    )
    ctx.map.setProvenance(e.resource, e.remoteId, [...values, ...(previous ?? []).filter(isSetFingerprint)])
    refreshTitle(ctx, e.localId)
    ctx.deps.db.$client
      .prepare('UPDATE import_id_map SET pending = ? WHERE origin = ? AND resource = ? AND remote_id = ?')
      .run(resolved.pending ? e.pending : null, ctx.map.origin, e.resource, e.remoteId)
    if (resolved.pending)
      logs.push({
        resource: e.resource,
        remoteId: e.remoteId,
        localId: e.localId,
        outcome: 'skipped',
        message: 'A linked resource is not imported: that value was left out',
      })
  }
  return logs
}
