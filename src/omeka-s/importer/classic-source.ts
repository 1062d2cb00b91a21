import { createHash, randomBytes } from 'node:crypto'
import { extname } from 'node:path'
import pLimit from 'p-limit'
import type * as z from 'zod'
import {
  remoteCollection,
  remoteElement,
  remoteElementSet,
  remoteFile,
  remoteItem,
  remoteItemType,
  type RemoteCollection,
  type RemoteElementText,
  type RemoteFile,
} from '../../core/import/classic-origin/remote.schemas.js'
import { detectMediaType } from '../api/media/media.ingest.js'
import { Catalog } from '../api/resources/catalog.js'
import { commitPage, nextPageUrl, readAll, walk, type RunCtx } from './context.js'
import { elementTerm, itemTypeClass, OC_VOCABULARY, ocLabel } from './classic-map.js'
import { ensureMembers, ensureTemplate, ensureVocabulary } from './schema.js'
import { importResource, type ResourceIn, type ValueIn } from './writer.js'
import type { ImportResource, RecordLog } from './runs.repo.js'
import { downloadUnavailable, throwIfDownloadsUnavailable } from '../../core/import/run-context.js'

type Json = Record<string, unknown>
const date = (iso: string): string | null =>
  Number.isNaN(Date.parse(iso)) ? null : new Date(iso).toISOString().replace(/\.\d+Z$/, '+00:00')

/** A dcterms term by property label (Dublin Core elements are matched by label, as Omeka2Importer does). */
function dcByLabel(ctx: RunCtx): (label: string) => string | null {
  return (label) => {
    const row = ctx.deps.db.$client
      .prepare<unknown[], { n: string }>(
        "SELECT m.local_name AS n FROM property m JOIN vocabulary v ON v.id = m.vocabulary_id WHERE v.prefix = 'dcterms' AND m.label = ?",
      )
      .get(label)
    return row ? `dcterms:${row.n}` : null
  }
}

/** Element texts → literal values in the origin's order; the text is kept as is (HTML included, nothing stripped). */
function classicValues(ctx: RunCtx, texts: readonly RemoteElementText[]): { values: ValueIn[]; dropped: string[] } {
  const dc = dcByLabel(ctx)
  const values: ValueIn[] = []
  const dropped: string[] = []
  for (const et of texts) {
    const set = et.element_set?.name ?? ''
    const name = et.element?.name ?? ctx.classic.elements.get(et.element?.id ?? -1)?.name ?? ''
    const term = elementTerm(set, name, dc)
    if (!term || et.text === '') dropped.push(`${set} / ${name}`)
    else values.push({ term, type: 'literal', value: et.text, uri: null, lang: null, isPublic: true, link: null })
  }
  return { values, dropped }
}

/** Schema: elements and item types read once; the `oc:` members they need are created (with the vocabulary) on demand. */
export async function importClassicSchema(ctx: RunCtx): Promise<void> {
  // Lookups, parsed at the read: an unreadable element, set or item type is left out (its texts are then
  // reported as dropped, as those of an element this key cannot see).
  const read = async <T>(resource: string, schema: z.ZodType<T>) =>
    ((await readAll(ctx, ctx.client.apiUrl(resource, { per_page: '50' }))) ?? []).flatMap((raw) => {
      const r = schema.safeParse(raw)
      return r.success ? [r.data] : []
    })
  const elements = await read('elements', remoteElement)
  const types = await read('item_types', remoteItemType)
  const setNames = new Map((await read('element_sets', remoteElementSet)).map((s) => [s.id, s.name]))
  ctx.classic.elements = new Map(
    elements.map((e) => [e.id, { set: setNames.get(e.element_set.id) ?? '', name: e.name }]),
  )
  ctx.classic.itemTypes = new Map(types.map((t) => [t.id, { name: t.name, elements: t.elements.map((e) => e.id) }]))
  const dc = dcByLabel(ctx)
  const names = new Map<string, string>()
  for (const e of ctx.classic.elements.values())
    if (e.set !== 'Dublin Core') names.set(elementTerm(e.set, e.name, dc) ?? '', e.name)
  const classes = new Map([...ctx.classic.itemTypes.values()].map((t) => [itemTypeClass(t.name) ?? '', t.name]))
  const oc = (m: Map<string, string>) =>
    [...m.keys()]
      .filter((t) => t.startsWith('oc:'))
      .map((t) => ({ localName: t.slice(3), label: ocLabel(t, m), comment: null }))
  ctx.counters.vocabularies.total = 1
  commitPage(ctx, null, () => {
    if (!oc(names).length && !oc(classes).length) return []
    if (ctx.run.options.dry_run)
      return [{ resource: 'vocabularies', remoteId: 0, localId: null, outcome: 'would_create' }]
    const { id, log } = ensureVocabulary(ctx, { remoteId: 0, ...OC_VOCABULARY })
    ensureMembers(ctx.deps.db, 'property', id, oc(names))
    ensureMembers(ctx.deps.db, 'resource_class', id, oc(classes))
    return [log]
  })
  ctx.catalog = new Catalog(ctx.deps.db)
}

/** Item types → templates named like them: class, DC title and description, then the type's elements. */
export async function importClassicTemplates(ctx: RunCtx): Promise<void> {
  const dc = dcByLabel(ctx)
  ctx.counters.resource_templates.total = ctx.classic.itemTypes.size
  commitPage(ctx, { resource: 'resource_templates', url: null }, () =>
    [...ctx.classic.itemTypes].map(([remoteId, t]) => {
      const terms = t.elements
        .map((e) => ctx.classic.elements.get(e))
        .flatMap((e) => (e ? [elementTerm(e.set, e.name, dc)] : []))
        .filter((x): x is string => !!x)
      const properties = ['dcterms:title', 'dcterms:description', ...terms].map((term) => ({
        term,
        alternateLabel: null,
        alternateComment: null,
        dataType: [],
        isRequired: false,
        isPrivate: false,
        defaultLang: null,
      }))
      return ensureTemplate(
        ctx,
        {
          remoteId,
          label: t.name,
          classTerm: itemTypeClass(t.name),
          titleTerm: 'dcterms:title',
          descriptionTerm: 'dcterms:description',
          properties,
        },
        ctx.fallbackOwner,
      )
    }),
  )
  ctx.catalog = new Catalog(ctx.deps.db)
}

/** Classic owners → local users with the same email (read once per owner); unknown ones fall back to the importer. */
async function ensureOwners(ctx: RunCtx, ids: readonly number[]): Promise<void> {
  for (const id of new Set(ids)) {
    if (ctx.map.get('users', id) || ctx.run.options.dry_run) continue
    const r = await ctx.client.getJson(ctx.client.apiUrl(`users/${id}`))
    const email = r.ok ? (r.value.json as Json | null)?.email : undefined
    const local =
      typeof email === 'string'
        ? ctx.deps.db.$client.prepare<unknown[], { id: number }>('SELECT id FROM user WHERE email = ?').get(email)
        : undefined
    if (local)
      ctx.map.put('users', {
        remoteId: id,
        localId: local.id,
        hash: null,
        localModified: null,
        createdByRun: null,
        pending: null,
        data: null,
      })
  }
}

function classicResource(ctx: RunCtx, kind: 'item_sets' | 'items', c: RemoteCollection): ResourceIn {
  const { values, dropped } = classicValues(ctx, c.element_texts)
  const owner = c.owner ? ctx.map.get('users', c.owner.id)?.localId : undefined
  return {
    kind,
    remoteId: c.id,
    ownerId: owner ?? ctx.fallbackOwner,
    classTerm: null,
    templateId: null,
    isPublic: c.public,
    created: date(c.added),
    modified: date(c.modified),
    values,
    messages: dropped.map((d) => `Unmapped element ${d} skipped`),
  }
}

/** Tags → literal values of the chosen property, after its other values; exact duplicates are not repeated. */
function withTags(ctx: RunCtx, values: ValueIn[], tags: readonly string[]): ValueIn[] {
  const term = ctx.run.options.tags_property
  const have = new Set(values.filter((v) => v.term === term).map((v) => v.value))
  const added = [...new Set(tags)]
    .filter((t) => t.trim() !== '' && !have.has(t))
    .map((t): ValueIn => ({ term, type: 'literal', value: t, uri: null, lang: null, isPublic: true, link: null }))
  const last = values.map((v) => v.term).lastIndexOf(term)
  return last < 0 ? [...values, ...added] : [...values.slice(0, last + 1), ...added, ...values.slice(last + 1)]
}

/** Collections → item sets, items → items: one transaction per page. */
export async function importClassicRecords(ctx: RunCtx, kind: 'item_sets' | 'items', url: string): Promise<void> {
  await walk(ctx, kind, url, async (page) => {
    await ensureOwners(
      ctx,
      page.records
        .map((r) => (r as { owner?: { id?: unknown } | null })?.owner?.id)
        .filter((id): id is number => typeof id === 'number'),
    )
    const entries = ctx.map.lookup(
      kind,
      page.records.map((r) => Number((r as Json)?.id)),
    )
    commitPage(ctx, { resource: kind, url: nextPageUrl(page.url) }, () =>
      page.records.map((raw): RecordLog => {
        const parsed = kind === 'items' ? remoteItem.safeParse(raw) : remoteCollection.safeParse(raw)
        if (!parsed.success)
          return {
            resource: kind,
            remoteId: Number((raw as Json)?.id) || null,
            localId: null,
            outcome: 'failed',
            message: 'Unreadable record',
          }
        const res = classicResource(ctx, kind, parsed.data)
        if (kind === 'item_sets') res.isOpen = false
        else {
          const i = remoteItem.parse(raw)
          const type = i.item_type ? ctx.classic.itemTypes.get(i.item_type.id) : undefined
          res.classTerm = type ? itemTypeClass(type.name) : null
          res.templateId = i.item_type ? (ctx.map.get('resource_templates', i.item_type.id)?.localId ?? null) : null
          const set = i.collection ? ctx.map.get('item_sets', i.collection.id)?.localId : undefined
          res.itemSets = set === undefined ? [] : [set]
          res.values = withTags(
            ctx,
            res.values,
            i.tags.map((t) => t.name),
          )
          res.data = { public: i.public }
        }
        return importResource(ctx, res, entries.get(res.remoteId))
      }),
    )
  })
}

/** Downloads a Classic file (size and MD5 checked) and makes the media: detected type, sha256, thumbnails. */
/** A planned Classic file: `unavailable` when its download failed during an outage, `stored` once its bytes are written. */
interface PlannedFile {
  res: ResourceIn | null
  message: string | null
  unavailable?: boolean
  stored?: { filename: string; storageId: string }
}

async function planFile(ctx: RunCtx, f: RemoteFile): Promise<PlannedFile> {
  const item = ctx.map.get('items', f.item.id)
  if (!item) return { res: null, message: `Its item (${f.item.id}) is not imported` }
  const { values, dropped } = classicValues(ctx, f.element_texts)
  const itemPublic = item.data ? (JSON.parse(item.data) as { public?: boolean }).public !== false : true
  const extension = extname(f.original_filename).slice(1).toLowerCase() || null
  const entry = ctx.map.get('media', f.id)
  const local = entry
    ? ctx.deps.db.$client
        .prepare<unknown[], { s: string; t: string; sha256: string; th: number }>(
          'SELECT storage_id AS s, media_type AS t, sha256, has_thumbnails AS th FROM media WHERE id = ?',
        )
        .get(entry.localId)
    : undefined
  const media = {
    itemId: item.localId,
    position: f.order ?? f.id,
    ingester: 'url',
    renderer: 'file',
    data: null,
    source: f.original_filename,
    mediaType: local?.t ?? null,
    storageId: local?.s ?? null,
    extension,
    sha256: local?.sha256 ?? null,
    size: f.size,
    hasOriginal: true,
    hasThumbnails: !!local?.th,
    lang: null,
    altText: null,
  }
  const res: ResourceIn = {
    kind: 'media',
    remoteId: f.id,
    ownerId: item
      ? (ctx.deps.db.$client
          .prepare<unknown[], { o: number | null }>('SELECT owner_id AS o FROM resource WHERE id = ?')
          .get(item.localId)?.o ?? null)
      : null,
    classTerm: null,
    templateId: null,
    isPublic: itemPublic,
    created: date(f.added),
    modified: date(f.modified),
    values,
    media,
    data: { md5: f.authentication },
    messages: dropped.map((d) => `Unmapped element ${d} skipped`),
  }
  const same =
    entry?.data &&
    (JSON.parse(entry.data) as { md5?: string | null }).md5 === f.authentication &&
    local &&
    ctx.deps.files.exists('original', extension ? `${local.s}.${extension}` : local.s)
  if (same || ctx.run.options.dry_run || !f.file_urls.original)
    return { res, message: f.file_urls.original ? null : 'The origin gives no URL for the original' }
  const r = await ctx.client.download(f.file_urls.original, f.size)
  if (!r.ok) return { res, message: `Download failed: ${r.error.message}`, unavailable: downloadUnavailable(r.error) }
  if (
    r.value.length !== f.size ||
    (f.authentication && createHash('md5').update(r.value).digest('hex') !== f.authentication.toLowerCase())
  )
    return { res, message: `Size or MD5 mismatch for file ${f.id}` }
  media.storageId = randomBytes(20).toString('hex')
  media.sha256 = createHash('sha256').update(r.value).digest('hex')
  media.mediaType = await detectMediaType(r.value)
  const filename = extension ? `${media.storageId}.${extension}` : media.storageId
  ctx.deps.files.write('original', filename, r.value)
  media.hasThumbnails = await ctx.deps.files.writeThumbnails(media.storageId, r.value)
  return { res, message: null, stored: { filename, storageId: media.storageId } }
}

/** Files → media, in one bulk pass over /files with bounded download concurrency. */
export async function importClassicFiles(ctx: RunCtx, url: string): Promise<void> {
  const limit = pLimit(ctx.downloadConcurrency)
  await walk(ctx, 'media', url, async (page) => {
    const planned = await Promise.all(
      page.records.map((raw) =>
        limit(async () => {
          const f = remoteFile.safeParse(raw)
          return f.success
            ? { id: f.data.id, ...(await planFile(ctx, f.data)) }
            : { id: Number((raw as Json)?.id) || null, res: null, message: 'Unreadable file record' }
        }),
      ),
    )
    throwIfDownloadsUnavailable(
      'file',
      planned.flatMap((p) => ('unavailable' in p && p.unavailable ? [`files/${p.id}: ${p.message}`] : [])),
      () => {
        for (const p of planned)
          if ('stored' in p && p.stored) ctx.deps.files.deleteStored('original', p.stored.filename, p.stored.storageId)
      },
    )
    commitPage(ctx, { resource: 'media', url: nextPageUrl(page.url) }, () =>
      planned.map(
        (p): RecordLog =>
          p.res && !p.message
            ? importResource(ctx, p.res, ctx.map.get('media', p.res.remoteId))
            : {
                resource: 'media',
                remoteId: p.id,
                localId: null,
                outcome: p.res ? 'failed' : 'skipped',
                message: p.message,
              },
      ),
    )
  })
}

/** The Classic → S phases in dependency order (collections land in item_sets, files in media). */
export const CLASSIC_PHASES: {
  resource: ImportResource
  params: Record<string, string>
  run: (ctx: RunCtx, url: string) => Promise<void>
}[] = [
  { resource: 'vocabularies', params: {}, run: (ctx) => importClassicSchema(ctx) },
  { resource: 'resource_templates', params: {}, run: (ctx) => importClassicTemplates(ctx) },
  {
    resource: 'item_sets',
    params: { remote: 'collections' },
    run: (ctx, url) => importClassicRecords(ctx, 'item_sets', url),
  },
  { resource: 'items', params: {}, run: (ctx, url) => importClassicRecords(ctx, 'items', url) },
  { resource: 'media', params: { remote: 'files' }, run: importClassicFiles },
]
