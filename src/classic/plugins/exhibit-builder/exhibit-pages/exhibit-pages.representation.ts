import type { Urls } from '../../../../core/http/urls.js'
import { parseJsonKeepingNumbers, RawNumber, type PhpJsonValue } from '../../../../core/http/php-json.js'
import { ebRef } from '../exhibits/exhibits.representation.js'
import type { AttachmentRow, BlockRow, PageRelations, PageRow } from './exhibit-pages.repo.js'

// json_decode($options, true): objects become PHP arrays, so an empty one prints as [].
function asPhpArray(v: PhpJsonValue): PhpJsonValue {
  if (v === null || typeof v !== 'object' || v instanceof RawNumber) return v
  if (Array.isArray(v)) return v.map(asPhpArray)
  const entries = Object.entries(v)
  return entries.length === 0 ? [] : Object.fromEntries(entries.map(([k, x]) => [k, asPhpArray(x)]))
}

/** A block's stored options JSON as ExhibitBuilder serves it: decoded, or null. */
export function decodeOptions(stored: string | null): PhpJsonValue {
  if (stored === null) return null
  try {
    return asPhpArray(parseJsonKeepingNumbers(stored))
  } catch {
    return null
  }
}

function toAttachmentJson(a: AttachmentRow, urls: Urls) {
  return {
    id: a.id,
    caption: a.caption,
    item: ebRef(a.itemId, 'items', urls),
    // The key is absent, not null, when the attachment shows no file.
    ...(a.fileId === null ? {} : { file: ebRef(a.fileId, 'files', urls) }),
  }
}

function toBlockJson(b: BlockRow, rel: PageRelations, urls: Urls) {
  return {
    id: b.id,
    page_id: b.pageId,
    layout: b.layout,
    options: decodeOptions(b.options),
    text: b.text,
    order: b.order,
    attachments: (rel.attachments.get(b.id) ?? []).map((a) => toAttachmentJson(a, urls)),
  }
}

/** An exhibit page as ExhibitBuilder's Api_ExhibitPage serves it, with its blocks and attachments. */
export function toPageJson(
  row: PageRow,
  rel: PageRelations,
  urls: Urls,
  extended: Record<string, unknown> | unknown[],
) {
  return {
    id: row.id,
    url: urls.api('exhibit_pages', row.id),
    title: row.title,
    slug: row.slug,
    order: row.order,
    exhibit: ebRef(row.exhibitId, 'exhibits', urls),
    parent: row.parentId === null ? null : ebRef(row.parentId, 'exhibit_pages', urls),
    page_blocks: (rel.blocks.get(row.id) ?? []).map((b) => toBlockJson(b, rel, urls)),
    extended_resources: extended,
  }
}

/** What ExhibitBuilder adds to an item's `extended_resources`: the one page using it, or a count. */
export function toItemPagesRef(itemId: number, pages: { count: number; onlyId: number | null }, urls: Urls) {
  if (pages.count === 1 && pages.onlyId !== null)
    return { id: pages.onlyId, url: urls.api('exhibit_pages', pages.onlyId), resource: 'exhibit_pages' }
  return { count: pages.count, url: `${urls.api('exhibit_pages')}?item=${itemId}`, resource: 'exhibit_pages' }
}
