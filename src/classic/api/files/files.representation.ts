import type { Urls } from '../../../core/http/urls.js'
import { parseJsonKeepingNumbers } from '../../../core/http/php-json.js'
import type { ElementTextRow } from '../element-texts/element-texts.repo.js'
import { elementRefs, toElementTextsJson, type ElementRefs } from '../element-texts/element-texts.representation.js'
import { ref, toIsoDate } from '../../shared.js'
import type { FileRow } from './files.repo.js'

/** Derivatives are always JPEG, named after the stored file. */
export function derivativeName(filename: string): string {
  const dot = filename.lastIndexOf('.')
  return `${dot > 0 ? filename.slice(0, dot) : filename}.jpg`
}

/** A file as Api_File represents it; `metadata` is re-emitted exactly as stored. */
/** `refs`: the request's element references, shared by every file of a page. */
export function toFileJson(
  f: FileRow,
  texts: readonly ElementTextRow[],
  urls: Urls,
  filterTexts: boolean,
  extended: Record<string, unknown> | unknown[] = [],
  refs: ElementRefs = elementRefs(urls),
) {
  const d = derivativeName(f.filename)
  return {
    id: f.id,
    url: urls.api('files', f.id),
    file_urls: {
      original: urls.file('original', f.filename),
      fullsize: f.hasDerivativeImage ? urls.file('fullsize', d) : null,
      thumbnail: f.hasDerivativeImage ? urls.file('thumbnails', d) : null,
      square_thumbnail: f.hasDerivativeImage ? urls.file('square_thumbnails', d) : null,
    },
    added: toIsoDate(f.added),
    modified: toIsoDate(f.modified),
    filename: f.filename,
    authentication: f.authentication,
    has_derivative_image: f.hasDerivativeImage,
    mime_type: f.mimeType,
    order: f.order,
    original_filename: f.originalFilename,
    size: f.size,
    stored: f.stored,
    type_os: f.typeOs,
    metadata: parseJsonKeepingNumbers(f.metadata),
    item: ref(f.itemId, urls.api('items', f.itemId), 'items'),
    element_texts: toElementTextsJson(texts, refs, filterTexts),
    extended_resources: extended,
  }
}
