import { createHash, randomBytes } from 'node:crypto'
import pLimit from 'p-limit'
import { nextId } from '../db/client.js'
import { dateOf, isValueKey, refId, splitFilename } from '../fixtures/insert.js'
import { Catalog } from '../api/resources/catalog.js'
import { commitPage, nextPageUrl, readAll, walk, type RunCtx } from './context.js'
import { ensureMembers, ensureTemplate, ensureVocabulary, type MemberIn } from './schema.js'
import { importResource, type MediaIn, type ResourceIn, type Kind, type ValueIn } from './writer.js'
import type { ImportResource, RecordLog } from './runs.repo.js'
import { ownerFor } from './owners.js'
import { importSAssets } from './s-assets.js'
import { importSPages } from './s-pages.js'
import { liveLocal } from './s-records.js'
import { importSSites, linkItemSites } from './s-sites.js'
import { userRewrite } from '../../core/import/users.js'
import { makeRoomForUser } from './make-room.js'
import { downloadUnavailable, remoteIdOf, throwIfDownloadsUnavailable } from '../../core/import/run-context.js'
import {
  originItem,
  originItemSet,
  originMedia,
  originMember,
  originTemplate,
  originUser,
  originVocabulary,
  readRecord,
  type OriginItem,
  type OriginItemSet,
  type OriginMedia,
  type OriginUser,
} from './origin.schemas.js'

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const KINDS: Record<string, Kind> = { items: 'items', item_sets: 'item_sets', media: 'media' }

/** The owner here of a remote owner: the user mapped to it, else the importing user. */

type LocalUser = { id: number; name: string; role: string; isActive: number; created: string }

/**
 * A local user matched by e-mail: mirror makes it equal to the origin (name, role, active, created),
 * merge brings the origin's changes (not the local creation date); with users off it is only mapped.
 */
function syncUser(ctx: RunCtx, remoteId: number, u: OriginUser, local: LocalUser): RecordLog {
  const base = { resource: 'users' as const, remoteId, localId: local.id }
  const entry = ctx.map.get('users', remoteId)
  const origin = {
    name: str(u['o:name']) ?? local.name,
    role: str(u['o:role']) ?? local.role,
    isActive: u['o:is_active'] === true ? 1 : 0,
    created: dateOf(u['o:created']) ?? local.created,
  }
  const { patch, hash } = userRewrite(
    ctx.run.options.mode,
    origin,
    { name: local.name, role: local.role, isActive: local.isActive, created: local.created },
    ['created'],
    entry?.hash ?? null,
  )
  const write = ctx.run.options.import_users && !ctx.run.options.dry_run
  if (patch && write)
    ctx.deps.db.$client
      .prepare('UPDATE user SET name = ?, role = ?, is_active = ?, created = ? WHERE id = ?')
      .run(
        patch.name ?? local.name,
        patch.role ?? local.role,
        patch.isActive ?? local.isActive,
        patch.created ?? local.created,
        local.id,
      )
  if (!ctx.run.options.dry_run)
    ctx.map.put('users', {
      remoteId,
      localId: local.id,
      hash: write ? hash : (entry?.hash ?? null),
      localModified: null,
      createdByRun: entry?.createdByRun ?? null,
      pending: null,
      data: null,
    })
  if (!patch || !ctx.run.options.import_users) return { ...base, outcome: 'unchanged' }
  const message = `Changed at the origin: ${Object.keys(patch).join(', ')}`
  return ctx.run.options.dry_run
    ? { ...base, outcome: 'would_update', message }
    : { ...base, outcome: 'updated', message }
}

/** S users → local users by email; missing ones are created (never their keys) unless users are not imported. */
export async function importSUsers(ctx: RunCtx, url: string): Promise<void> {
  const { db } = ctx.deps
  await walk(ctx, 'users', url, (page) => {
    const above = Math.max(0, ...page.records.map((u) => remoteIdOf(u) ?? 0))
    commitPage(ctx, { resource: 'users', url: nextPageUrl(page.url) }, () =>
      page.records.map((raw): RecordLog => {
        const parsed = readRecord(originUser, raw)
        if (!parsed.ok)
          return {
            resource: 'users',
            remoteId: remoteIdOf(raw),
            localId: null,
            outcome: 'failed',
            message: parsed.message,
          }
        const u = parsed.value
        const remoteId = u['o:id']
        const email = str(u['o:email'])
        const base = { resource: 'users' as const, remoteId }
        if (!email) return { ...base, localId: null, outcome: 'skipped', message: 'No email visible to this key' }
        const found = db.$client
          .prepare<unknown[], LocalUser>(
            'SELECT id, name, role, is_active AS isActive, created FROM user WHERE email = ?',
          )
          .get(email)
        if (found) return syncUser(ctx, remoteId, u, found)
        if (!ctx.run.options.import_users || ctx.run.options.dry_run)
          return { ...base, localId: null, outcome: 'skipped', message: 'Not imported (users are off)' }
        const aside = ctx.run.options.mode === 'mirror' ? makeRoomForUser(ctx, remoteId, above) : null
        const id =
          ctx.run.options.mode === 'mirror' && !db.$client.prepare('SELECT 1 FROM user WHERE id = ?').get(remoteId)
            ? remoteId
            : nextId(db, 'users')
        if (id === remoteId)
          db.$client.prepare("UPDATE sequence SET next = MAX(next, ?) WHERE name = 'users'").run(id + 1)
        db.$client
          .prepare('INSERT INTO user (id, email, name, created, role, is_active) VALUES (?, ?, ?, ?, ?, ?)')
          .run(
            id,
            email,
            str(u['o:name']) ?? email,
            dateOf(u['o:created']) ?? new Date().toISOString(),
            str(u['o:role']) ?? 'researcher',
            u['o:is_active'] === true ? 1 : 0,
          )
        ctx.map.put('users', {
          remoteId,
          localId: id,
          hash: null,
          localModified: null,
          createdByRun: ctx.run.id,
          pending: null,
          data: null,
        })
        return { ...base, localId: id, outcome: 'created', message: aside }
      }),
    )
  })
}

/** A vocabulary's properties or classes as read (null: unreadable), or the first unreadable one's reason. */
function members(kind: string, list: unknown[] | null): MemberIn[] | string {
  const out: MemberIn[] = []
  for (const raw of list ?? []) {
    const m = readRecord(originMember, raw)
    if (!m.ok) return `Its ${kind} ${remoteIdOf(raw) ?? ''} is unreadable: ${m.message}`
    out.push({
      localName: m.value['o:local_name'],
      label: m.value['o:label'] ?? m.value['o:local_name'],
      comment: m.value['o:comment'] ?? null,
    })
  }
  return out
}

/** Vocabularies: matched by namespace or prefix, missing ones created with their members; then the remote term maps. */
export async function importSVocabularies(ctx: RunCtx, url: string): Promise<void> {
  const { db } = ctx.deps
  const vocabs = (await readAll(ctx, url)) ?? []
  ctx.counters.vocabularies.total = vocabs.length
  for (const raw of vocabs) {
    const parsed = readRecord(originVocabulary, raw)
    if (!parsed.ok) {
      const message = parsed.message
      commitPage(ctx, null, () => [
        { resource: 'vocabularies', remoteId: remoteIdOf(raw), localId: null, outcome: 'failed', message },
      ])
      continue
    }
    const v = {
      remoteId: parsed.value['o:id'],
      namespaceUri: parsed.value['o:namespace_uri'],
      prefix: parsed.value['o:prefix'],
      label: parsed.value['o:label'],
      comment: parsed.value['o:comment'] ?? null,
    }
    const known = db.$client
      .prepare('SELECT 1 FROM vocabulary WHERE namespace_uri = ? OR prefix = ?')
      .get(v.namespaceUri, v.prefix)
    const props = known
      ? []
      : members(
          'property',
          await readAll(ctx, ctx.client.apiUrl('properties', { vocabulary_id: String(v.remoteId), per_page: '500' })),
        )
    const classes = known
      ? []
      : members(
          'resource class',
          await readAll(
            ctx,
            ctx.client.apiUrl('resource_classes', { vocabulary_id: String(v.remoteId), per_page: '500' }),
          ),
        )
    commitPage(ctx, null, () => {
      if (typeof props === 'string' || typeof classes === 'string') {
        const message = typeof props === 'string' ? props : (classes as string)
        return [{ resource: 'vocabularies', remoteId: v.remoteId, localId: null, outcome: 'failed', message }]
      }
      if (ctx.run.options.dry_run && !known)
        return [{ resource: 'vocabularies', remoteId: v.remoteId, localId: null, outcome: 'would_create' }]
      const { id, log } = ensureVocabulary(ctx, v)
      ensureMembers(db, 'property', id, props)
      ensureMembers(db, 'resource_class', id, classes)
      return [log]
    })
  }
  ctx.catalog = new Catalog(db)
  // Only a lookup (remote id → term): an unreadable member is left out, as one not visible to this key is.
  const terms = async (resource: string) =>
    new Map(
      ((await readAll(ctx, ctx.client.apiUrl(resource, { per_page: '500' }))) ?? []).flatMap((raw) => {
        const m = readRecord(originMember, raw)
        return m.ok ? [[m.value['o:id'], m.value['o:term']] as const] : []
      }),
    )
  ctx.remoteTerms = { properties: await terms('properties'), classes: await terms('resource_classes') }
}

/** Templates by label; missing ones created with class and properties by term. */
export async function importSTemplates(ctx: RunCtx, url: string): Promise<void> {
  const term = (m: Map<number, string>, ref: unknown) => (refId(ref) === null ? null : (m.get(refId(ref)!) ?? null))
  await walk(ctx, 'resource_templates', url, (page) => {
    commitPage(ctx, { resource: 'resource_templates', url: nextPageUrl(page.url) }, () =>
      page.records.map((raw) => {
        const parsed = readRecord(originTemplate, raw)
        if (!parsed.ok)
          return {
            resource: 'resource_templates' as const,
            remoteId: remoteIdOf(raw),
            localId: null,
            outcome: 'failed' as const,
            message: parsed.message,
          }
        const t = parsed.value
        return ensureTemplate(
          ctx,
          {
            remoteId: t['o:id'],
            label: t['o:label'],
            classTerm: term(ctx.remoteTerms.classes, t['o:resource_class']),
            titleTerm: term(ctx.remoteTerms.properties, t['o:title_property']),
            descriptionTerm: term(ctx.remoteTerms.properties, t['o:description_property']),
            properties: (t['o:resource_template_property'] ?? []).map((p) => ({
              term: term(ctx.remoteTerms.properties, p['o:property']) ?? '',
              alternateLabel: str(p['o:alternate_label']),
              alternateComment: str(p['o:alternate_comment']),
              dataType: p['o:data_type'],
              isRequired: p['o:is_required'] === true,
              isPrivate: p['o:is_private'] === true,
              defaultLang: str(p['o:default_lang']),
            })),
          },
          ownerFor(ctx, refId(t['o:owner'])),
        )
      }),
    )
    ctx.catalog = new Catalog(ctx.deps.db)
  })
}

/** The values of an S representation, in order: every term key's value objects with their type, language, visibility, link. */
export function sValues(rep: Record<string, unknown>): ValueIn[] {
  const out: ValueIn[] = []
  for (const [term, list] of Object.entries(rep)) {
    if (!isValueKey(term, list)) continue
    for (const v of list) {
      const type = String(v.type)
      const isPublic = v.is_public !== false
      if (type.startsWith('resource'))
        out.push({
          term,
          type,
          value: null,
          uri: null,
          lang: null,
          isPublic,
          link: { remoteId: Number(v.value_resource_id), kind: KINDS[String(v.value_resource_name)] ?? null },
        })
      else if (type === 'uri')
        out.push({
          term,
          type,
          value: str(v['o:label']),
          uri: str(v['@id']),
          lang: str(v['o:lang']),
          isPublic,
          link: null,
        })
      else
        out.push({
          term,
          type,
          value: v['@value'] === undefined || v['@value'] === null ? null : String(v['@value']),
          uri: str(v['@id']),
          lang: str(v['@language']),
          isPublic,
          link: null,
        })
    }
  }
  return out
}

/** The common part of an S item, item set or media. */
function sResource(ctx: RunCtx, kind: Kind, r: OriginItem | OriginItemSet | OriginMedia): ResourceIn {
  const template = refId(r['o:resource_template'])
  const templateId = template === null ? null : (ctx.map.get('resource_templates', template)?.localId ?? null)
  const cls = refId(r['o:resource_class'])
  const thumb = refId(r['o:thumbnail'])
  const thumbnailId = liveLocal(ctx, 'assets', 'asset', thumb)
  const messages = [
    ...(template !== null && templateId === null ? [`Resource template ${template} is not imported`] : []),
    ...(thumb !== null && thumbnailId === null ? [`Thumbnail asset ${thumb} is not imported`] : []),
  ]
  return {
    kind,
    remoteId: r['o:id'],
    ownerId: ownerFor(ctx, refId(r['o:owner'])),
    classTerm: cls === null ? null : (ctx.remoteTerms.classes.get(cls) ?? null),
    templateId,
    isPublic: r['o:is_public'] !== false,
    created: dateOf(r['o:created']),
    modified: dateOf(r['o:modified']),
    values: sValues(r),
    thumbnailId,
    messages,
  }
}

/** The remote sites an item is in (`o:site`). */
const sitesOf = (r: OriginItem): number[] => (r['o:site'] ?? []).map((s) => s['o:id'])

/** Item sets and items: one transaction per page; an item joins the sites of its `o:site` already imported. */
export async function importSResources(ctx: RunCtx, kind: 'item_sets' | 'items', url: string): Promise<void> {
  const schema = kind === 'items' ? originItem : originItemSet
  await walk(ctx, kind, url, (page) => {
    const records = page.records.map((raw) => ({ raw, parsed: readRecord<OriginItem>(schema, raw) }))
    const read = records.flatMap((r) => (r.parsed.ok ? [r.parsed.value] : []))
    const entries = ctx.map.lookup(
      kind,
      read.map((r) => r['o:id']),
    )
    const sets =
      kind === 'items'
        ? ctx.map.lookup(
            'item_sets',
            read.flatMap((r) => (r['o:item_set'] ?? []).map((s) => s['o:id'])),
          )
        : new Map()
    commitPage(ctx, { resource: kind, url: nextPageUrl(page.url) }, () =>
      records.map(({ raw, parsed }): RecordLog => {
        if (!parsed.ok)
          return {
            resource: kind,
            remoteId: remoteIdOf(raw),
            localId: null,
            outcome: 'failed',
            message: parsed.message,
          }
        const r = parsed.value
        const res = sResource(ctx, kind, r)
        if (kind === 'item_sets') res.isOpen = (r as OriginItemSet)['o:is_open'] === true
        else {
          res.itemSets = (r['o:item_set'] ?? [])
            .map((s) => sets.get(s['o:id'])?.localId)
            .filter((s): s is number => s !== undefined)
          res.data = {
            media: (r['o:media'] ?? []).map((m) => m['o:id']),
            primary: refId(r['o:primary_media']),
            sites: sitesOf(r),
          }
        }
        const entry = entries.get(res.remoteId)
        const log = importResource(ctx, res, entry)
        if (kind === 'items' && log.localId !== null && (log.outcome === 'created' || log.outcome === 'updated'))
          linkItemSites(ctx, log.localId, sitesOf(r), log.outcome === 'created' || ctx.run.options.mode === 'mirror')
        return log
      }),
    )
  })
}

interface PlannedMedia {
  raw: OriginMedia
  res: ResourceIn | null
  message: string | null
  /** The download failed because the origin is unavailable: the page is read again on resume. */
  unavailable?: boolean
  /** The original stored for this page (removed if the page is not committed). */
  stored?: { filename: string; storageId: string }
}

/** Downloads and checks (size, sha256) a media's original; reuses the local file when the checksum is unchanged. */
async function fetchOriginal(
  ctx: RunCtx,
  p: PlannedMedia,
  m: MediaIn,
  localSha: string | null,
  url: string,
): Promise<void> {
  if (localSha && localSha === m.sha256 && m.storageId) return
  // Capped at the media's declared o:size (plus the policy's margin), as the Classic files phase does.
  const r = await ctx.client.download(url, m.size)
  if (!r.ok) {
    p.unavailable = downloadUnavailable(r.error)
    return void (p.message = `Download failed: ${r.error.message}`)
  }
  const sha = createHash('sha256').update(r.value).digest('hex')
  if ((m.size !== null && r.value.length !== m.size) || (m.sha256 && sha !== m.sha256))
    return void (p.message = `Checksum mismatch for ${url}`)
  const name = splitFilename(ctx.run.options.mode === 'mirror' ? p.raw['o:filename'] : null)
  m.storageId =
    name.storageId && !ctx.deps.files.exists('original', String(p.raw['o:filename']))
      ? name.storageId
      : randomBytes(20).toString('hex')
  const filename = m.extension ? `${m.storageId}.${m.extension}` : m.storageId
  ctx.deps.files.write('original', filename, r.value)
  p.stored = { filename, storageId: m.storageId }
  m.hasThumbnails = await ctx.deps.files.writeThumbnails(m.storageId, r.value)
}

/** Plans one S media: its item here, position from the item's remote media order, the bytes. */
async function planMedia(ctx: RunCtx, raw: OriginMedia): Promise<PlannedMedia> {
  const p: PlannedMedia = { raw, res: null, message: null }
  const remoteItem = raw['o:item']['o:id']
  const item = ctx.map.get('items', remoteItem)
  if (!item) return { ...p, message: `Its item (${remoteItem}) is not imported` }
  const order = item.data ? ((JSON.parse(item.data) as { media: number[] }).media ?? []) : []
  const file = splitFilename(raw['o:filename'])
  const entry = ctx.map.get('media', raw['o:id'])
  const local = entry
    ? ctx.deps.db.$client
        .prepare<unknown[], { s: string | null; sha256: string | null }>(
          'SELECT storage_id AS s, sha256 FROM media WHERE id = ?',
        )
        .get(entry.localId)
    : undefined
  const m: MediaIn = {
    itemId: item.localId,
    position: order.indexOf(raw['o:id']) + 1 || order.length + 1,
    ingester: raw['o:ingester'],
    renderer: raw['o:renderer'],
    data: Array.isArray(raw.data) && raw.data.length === 0 ? null : (raw.data ?? null),
    source: str(raw['o:source']),
    mediaType: str(raw['o:media_type']),
    storageId: local?.s ?? null,
    extension: file.extension,
    sha256: str(raw['o:sha256']),
    size: typeof raw['o:size'] === 'number' ? raw['o:size'] : null,
    hasOriginal: typeof raw['o:original_url'] === 'string',
    hasThumbnails: !Array.isArray(raw['o:thumbnail_urls']) && !!raw['o:thumbnail_urls'],
    lang: str(raw['o:lang']),
    altText: str(raw['o:alt_text']),
  }
  if (m.hasOriginal && !ctx.run.options.dry_run)
    await fetchOriginal(ctx, p, m, local?.sha256 ?? null, String(raw['o:original_url']))
  p.res = { ...sResource(ctx, 'media', raw), media: m }
  return p
}

/** Media: downloads with bounded concurrency, then one transaction per page; primary media set on their items. */
export async function importSMedia(ctx: RunCtx, url: string): Promise<void> {
  const limit = pLimit(ctx.downloadConcurrency)
  await walk(ctx, 'media', url, async (page) => {
    const planned = await Promise.all(
      page.records.map((raw) => {
        const parsed = readRecord(originMedia, raw)
        return parsed.ok ? limit(() => planMedia(ctx, parsed.value)) : { raw, message: parsed.message }
      }),
    )
    const downloaded = planned.filter((p): p is PlannedMedia => 'res' in p)
    throwIfDownloadsUnavailable(
      'media file',
      downloaded.filter((p) => p.unavailable).map((p) => `media/${p.raw['o:id']}: ${p.message}`),
      () => {
        for (const p of downloaded)
          if (p.stored) ctx.deps.files.deleteStored('original', p.stored.filename, p.stored.storageId)
      },
    )
    commitPage(ctx, { resource: 'media', url: nextPageUrl(page.url) }, () =>
      planned.map((p): RecordLog => {
        if (!('res' in p))
          return {
            resource: 'media',
            remoteId: remoteIdOf(p.raw),
            localId: null,
            outcome: 'failed',
            message: p.message,
          }
        const remoteId = p.raw['o:id']
        if (!p.res || p.message)
          return {
            resource: 'media',
            remoteId,
            localId: null,
            outcome: p.res ? 'failed' : 'skipped',
            message: p.message,
          }
        const log = importResource(ctx, p.res, ctx.map.get('media', p.res.remoteId))
        if (log.localId !== null) setPrimary(ctx, p.raw['o:item']['o:id'], p.res.remoteId, log.localId)
        return log
      }),
    )
  })
}

/** An item's primary media, stored only when it is not simply its first media (as the fixture loader does). */
function setPrimary(ctx: RunCtx, remoteItem: number, remoteMedia: number, localMedia: number): void {
  const item = ctx.map.get('items', remoteItem)
  const data = item?.data ? (JSON.parse(item.data) as { media: number[]; primary: number | null }) : null
  if (!item || !data || data.primary !== remoteMedia || data.media[0] === remoteMedia || ctx.run.options.dry_run) return
  ctx.deps.db.$client.prepare('UPDATE item SET primary_media_id = ? WHERE id = ?').run(localMedia, item.localId)
}

/** The S → S phases in dependency order: assets before the resources they are thumbnails of, sites and pages after the items they show. */
export const S_PHASES: {
  resource: ImportResource
  params: Record<string, string>
  run: (ctx: RunCtx, url: string) => Promise<void>
}[] = [
  { resource: 'users', params: {}, run: importSUsers },
  { resource: 'vocabularies', params: { per_page: '500' }, run: importSVocabularies },
  { resource: 'resource_templates', params: {}, run: importSTemplates },
  { resource: 'assets', params: {}, run: (ctx, url) => importSAssets(ctx, url) },
  { resource: 'item_sets', params: {}, run: (ctx, url) => importSResources(ctx, 'item_sets', url) },
  { resource: 'items', params: {}, run: (ctx, url) => importSResources(ctx, 'items', url) },
  { resource: 'media', params: {}, run: importSMedia },
  { resource: 'sites', params: {}, run: (ctx, url) => importSSites(ctx, url) },
  { resource: 'site_pages', params: {}, run: (ctx, url) => importSPages(ctx, url) },
]
