import { contentHash } from '../../../core/import/content-hash.js'

export { contentHash }
import { isoToStored } from '../../shared.js'
import type { ElementTextInput } from '../../api/element-texts/element-texts.repo.js'
import type {
  RemoteCollection,
  RemoteElementText,
  RemoteFile,
  RemoteItem,
} from '../../../core/import/classic-origin/remote.schemas.js'

/** Lookups a mapper needs: remote references → local ids (undefined: not known here). */
export interface Resolver {
  element(et: RemoteElementText): number | undefined
  collection(remoteId: number): number | undefined
  itemType(remoteId: number): number | undefined
  owner(remoteId: number | null): number | null
  item(remoteId: number): number | undefined
}

/** An origin date (`c` format) in the stored format; the origin's value is kept, never the import time. */
export function storedDate(iso: string): string {
  return isoToStored(iso) ?? iso
}

/** Element texts in the origin's order, html flag and text exact; unknown elements are reported, not guessed. */
export function mapElementTexts(
  texts: readonly RemoteElementText[],
  r: Resolver,
): { texts: ElementTextInput[]; dropped: string[] } {
  const out: ElementTextInput[] = []
  const dropped: string[] = []
  for (const et of texts) {
    const elementId = r.element(et)
    if (elementId === undefined) dropped.push(`${et.element_set?.name ?? '?'} / ${et.element?.name ?? '?'}`)
    else out.push({ elementId, html: et.html, text: et.text })
  }
  return { texts: out, dropped }
}

export interface MappedRecord<W> {
  write: W
  hash: string
  /** Remote references that could not be resolved yet (kept for a later run). */
  pending: Record<string, number>
  messages: string[]
}

export interface CollectionFields {
  public: boolean
  featured: boolean
  added: string
  modified: string
  ownerId: number | null
  elementTexts: ElementTextInput[]
}

/** The fields an item shares with a collection, unhashed (an item hashes its whole write once). */
function collectionFields(c: RemoteCollection, r: Resolver): { write: CollectionFields; messages: string[] } {
  const { texts, dropped } = mapElementTexts(c.element_texts, r)
  const write = {
    public: c.public,
    featured: c.featured,
    added: storedDate(c.added),
    modified: storedDate(c.modified),
    ownerId: r.owner(c.owner?.id ?? null),
    elementTexts: texts,
  }
  return { write, messages: dropped.map((d) => `Unknown element ${d} skipped`) }
}

/** A remote collection → the local write, with owner resolved and dates kept. */
export function mapCollection(c: RemoteCollection, r: Resolver): MappedRecord<CollectionFields> {
  const { write, messages } = collectionFields(c, r)
  return { write, hash: contentHash(write), pending: {}, messages }
}

export interface ItemFields extends CollectionFields {
  itemTypeId: number | null
  /** undefined: keep the local value (the reference is pending or invisible to this run). */
  collectionId: number | null | undefined
  tags: string[]
}

/**
 * A remote item → the local write. Tags are the exact names (never re-split). A collection or item
 * type the run cannot resolve is not nulled: it stays pending and the local value is kept.
 */
export function mapItem(i: RemoteItem, r: Resolver, opts: { authenticated: boolean }): MappedRecord<ItemFields> {
  const base = collectionFields(i, r)
  const pending: Record<string, number> = {}
  let collectionId: number | null | undefined = null
  if (i.collection) {
    collectionId = r.collection(i.collection.id)
    if (collectionId === undefined) pending.collection = i.collection.id
  } else if (!opts.authenticated) {
    // Anonymous callers see `null` for an item in a private collection: not evidence of no collection.
    collectionId = undefined
  }
  let itemTypeId: number | null = null
  if (i.item_type) {
    const t = r.itemType(i.item_type.id)
    if (t === undefined) pending.item_type = i.item_type.id
    itemTypeId = t ?? null
  }
  const write: ItemFields = { ...base.write, itemTypeId, collectionId, tags: i.tags.map((t) => t.name) }
  return { write, hash: contentHash({ ...write, pending }), pending, messages: base.messages }
}

export interface FileFields {
  itemId: number
  order: number | null
  originalFilename: string
  size: number
  authentication: string | null
  mimeType: string | null
  typeOs: string | null
  hasDerivativeImage: boolean
  added: string
  modified: string
  metadata: string
  elementTexts: ElementTextInput[]
}

/** A remote file → the local file row (bytes are fetched separately); undefined when its item is not here. */
export function mapFile(f: RemoteFile, r: Resolver): MappedRecord<FileFields> | undefined {
  const itemId = r.item(f.item.id)
  if (itemId === undefined) return undefined
  const { texts, dropped } = mapElementTexts(f.element_texts, r)
  const write: FileFields = {
    itemId,
    order: f.order,
    originalFilename: f.original_filename,
    size: f.size,
    authentication: f.authentication,
    mimeType: f.mime_type,
    typeOs: f.type_os,
    hasDerivativeImage: f.has_derivative_image,
    added: storedDate(f.added),
    modified: storedDate(f.modified),
    metadata: JSON.stringify(f.metadata ?? []),
    elementTexts: texts,
  }
  return { write, hash: contentHash(write), pending: {}, messages: dropped.map((d) => `Unknown element ${d} skipped`) }
}

/** Omeka roles → local roles: `super` never comes across verbatim. */
export function mapRole(role: string): 'admin' | 'contributor' | 'researcher' {
  if (role === 'super' || role === 'admin') return 'admin'
  if (role === 'contributor') return 'contributor'
  return 'researcher'
}
