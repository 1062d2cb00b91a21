import type { Urls } from '../../urls.js'
import { ref } from '../resources/json.js'

export interface VocabularyRow {
  id: number
  ownerId: number | null
  namespaceUri: string
  prefix: string
  label: string
  comment: string | null
}

/** VocabularyRepresentation. */
export function vocabularyJson(urls: Urls, v: VocabularyRow): Record<string, unknown> {
  return {
    '@context': urls.context,
    '@id': urls.api('vocabularies', v.id),
    '@type': 'o:Vocabulary',
    'o:id': v.id,
    'o:namespace_uri': v.namespaceUri,
    'o:prefix': v.prefix,
    'o:label': v.label,
    'o:comment': v.comment,
    'o:owner': ref(urls, 'users', v.ownerId),
  }
}
