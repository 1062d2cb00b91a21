import welcomeBlocks from '../api/sites/welcome-blocks.json' with { type: 'json' }
import type { JsonLd, Fixture } from '../fixtures/read.js'

// Builders of fixture records (the JSON-LD keys src/omeka-s/fixtures/insert.ts reads) for the first-start
// demo data and `seed --flavor s`: derived keys (@id, urls, labels) are left out, as the loader recomputes them.

type Row = Record<string, unknown>

/** The example page Omeka S gives every new site (its blocks as recorded from 4.2.0). */
export const WELCOME_BLOCKS = welcomeBlocks as { layout: string; data: unknown }[]

/** A value to store: a literal (optionally with a language), a URI with a label, or a link to another resource. */
export type Value =
  | { term: string; type: 'literal'; value: string; lang?: string; isPublic?: boolean }
  | { term: string; type: 'uri'; uri: string; label: string; isPublic?: boolean }
  | { term: string; type: 'resource'; id: number; isPublic?: boolean }

/** Property and resource class ids by term (`dcterms:title`), from an installed fixture's vocabularies. */
export interface TermIds {
  property(term: string): number
  resourceClass(term: string): number
}

/** What every resource (item, item set, media) has. */
export interface ResourceSpec {
  id: number
  owner: number | null
  resourceClass?: string | null
  isPublic: boolean
  created: string
  modified: string
  values: Value[]
}

/** An ISO timestamp as Omeka S writes it (UTC, to the second). */
export const timestamp = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}+00:00`

const ref = (id: number | null): Row | null => (id === null ? null : { 'o:id': id })
const dateValue = (iso: string): Row => ({ '@value': iso, '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' })

/** Term lookups over a fixture's vocabularies, properties and classes; an unknown term is a programming error. */
export function termIds(fx: Fixture): TermIds {
  const prefixes = new Map(fx.records.vocabularies.map((v) => [v['o:id'], String(v['o:prefix'])]))
  const index = (list: JsonLd[]) =>
    new Map(
      list.map((m) => [
        `${prefixes.get((m['o:vocabulary'] as { 'o:id': number })['o:id'])}:${String(m['o:local_name'])}`,
        m['o:id'],
      ]),
    )
  const properties = index(fx.records.properties)
  const classes = index(fx.records.resource_classes)
  const get = (map: Map<string, number>, term: string) =>
    map.get(term) ?? fail(`the installed vocabularies have no ${term}`)
  return { property: (t) => get(properties, t), resourceClass: (t) => get(classes, t) }
}

const fail = (msg: string): never => {
  throw new Error(msg)
}

/** Values grouped by term in the order of each term's first value, as the API serves them. */
function valueKeys(t: TermIds, values: Value[]): Row {
  const out: Record<string, Row[]> = {}
  for (const v of values) {
    const base = { type: v.type, property_id: t.property(v.term), is_public: v.isPublic !== false }
    const value =
      v.type === 'literal'
        ? { ...base, '@value': v.value, ...(v.lang ? { '@language': v.lang } : {}) }
        : v.type === 'uri'
          ? { ...base, '@id': v.uri, 'o:label': v.label }
          : { ...base, value_resource_id: v.id }
    ;(out[v.term] ??= []).push(value)
  }
  return out
}

function resource(t: TermIds, r: ResourceSpec): JsonLd {
  const title = r.values.find((v) => v.term === 'dcterms:title' && v.type === 'literal')
  return {
    'o:id': r.id,
    'o:is_public': r.isPublic,
    'o:owner': ref(r.owner),
    'o:resource_class': r.resourceClass ? ref(t.resourceClass(r.resourceClass)) : null,
    'o:resource_template': null,
    'o:thumbnail': null,
    'o:title': title?.type === 'literal' ? title.value : null,
    'o:created': dateValue(r.created),
    'o:modified': dateValue(r.modified),
    ...valueKeys(t, r.values),
  }
}

/** An item with its item sets, sites and media (media order is the list order). */
export function itemRecord(
  t: TermIds,
  r: ResourceSpec & { itemSets: number[]; sites: number[]; media: number[] },
): JsonLd {
  return {
    ...resource(t, r),
    'o:primary_media': ref(r.media[0] ?? null),
    'o:media': r.media.map(ref),
    'o:item_set': r.itemSets.map(ref),
    'o:site': r.sites.map(ref),
  }
}

/** An item set. */
export function itemSetRecord(t: TermIds, r: ResourceSpec & { isOpen: boolean }): JsonLd {
  return { ...resource(t, r), 'o:is_open': r.isOpen }
}

/** A stored upload, as the upload ingester records it. */
export interface UploadSpec {
  item: number
  source: string
  mediaType: string
  storageId: string
  extension: string
  sha256: string
  size: number
  thumbnails: boolean
}

/** A media made by the upload ingester. */
export function uploadMediaRecord(t: TermIds, r: ResourceSpec & UploadSpec): JsonLd {
  const filename = `${r.storageId}.${r.extension}`
  return {
    ...resource(t, r),
    'o:ingester': 'upload',
    'o:renderer': 'file',
    'o:item': ref(r.item),
    'o:source': r.source,
    'o:media_type': r.mediaType,
    'o:sha256': r.sha256,
    'o:size': r.size,
    'o:filename': filename,
    'o:lang': null,
    'o:alt_text': null,
    // Only presence matters to the loader (has an original / has thumbnails); the URLs are derived on read.
    'o:original_url': `original/${filename}`,
    'o:thumbnail_urls': r.thumbnails ? { large: `large/${r.storageId}.jpg` } : [],
    data: [],
  }
}

/** A user (its `o:created` is a bare timestamp string, as the API serves it). */
export function userRecord(u: {
  id: number
  name: string
  email: string
  role: string
  created: string
  isActive?: boolean
}): JsonLd {
  return {
    'o:id': u.id,
    'o:name': u.name,
    'o:email': u.email,
    'o:created': u.created,
    'o:role': u.role,
    'o:is_active': u.isActive !== false,
  }
}

/** A site with the default navigation, its item pool, site item sets and permissions. */
export function siteRecord(s: {
  id: number
  owner: number
  slug: string
  title: string
  summary: string | null
  isPublic: boolean
  created: string
  itemPool: Row | []
  itemSets: number[]
  permissions: { user: number; role: 'admin' | 'editor' | 'viewer' }[]
}): JsonLd {
  return {
    'o:id': s.id,
    'o:slug': s.slug,
    'o:theme': 'default',
    'o:title': s.title,
    'o:summary': s.summary,
    'o:thumbnail': null,
    'o:navigation': [{ type: 'browse', data: { label: 'Browse', query: '' }, links: [] }],
    'o:homepage': null,
    'o:item_pool': s.itemPool,
    'o:owner': ref(s.owner),
    'o:created': dateValue(s.created),
    'o:modified': dateValue(s.created),
    'o:is_public': s.isPublic,
    'o:assign_new_items': false,
    'o:site_permission': s.permissions.map((p) => ({ 'o:user': ref(p.user), 'o:role': p.role })),
    'o:site_item_set': s.itemSets.map((id) => ({ 'o:item_set': ref(id) })),
  }
}

/** A site page with its blocks in order. */
export function sitePageRecord(p: {
  id: number
  site: number
  slug: string
  title: string
  isPublic: boolean
  created: string
  blocks: { layout: string; data: unknown }[]
}): JsonLd {
  return {
    'o:id': p.id,
    'o:slug': p.slug,
    'o:title': p.title,
    'o:is_public': p.isPublic,
    'o:layout': null,
    'o:site': ref(p.site),
    'o:created': dateValue(p.created),
    'o:modified': dateValue(p.created),
    'o:block': p.blocks.map((b) => ({
      'o:layout': b.layout,
      'o:data': b.data,
      'o:layout_data': null,
      'o:attachment': [],
    })),
  }
}
