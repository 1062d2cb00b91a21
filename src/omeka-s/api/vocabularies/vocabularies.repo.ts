import { param, type TableSpec } from '../../simple.js'
import { vocabularyJson, type VocabularyRow } from './vocabularies.representation.js'

export const vocabularySpec: TableSpec<VocabularyRow> = {
  table: 'vocabulary t',
  entity: 'Vocabulary',
  select: 't.id, t.owner_id AS ownerId, t.namespace_uri AS namespaceUri, t.prefix, t.label, t.comment',
  where(q, w) {
    const owner = param(q, 'owner_id')
    if (owner) w.add('t.owner_id = ?', parseInt(owner, 10) || 0)
    for (const [name, col] of [
      ['namespace_uri', 'namespace_uri'],
      ['prefix', 'prefix'],
    ]) {
      const v = param(q, name!)
      if (v) w.add(`t.${col} = ?`, v)
    }
  },
  sorts: {
    id: 't.id',
    namespace_uri: 's_collate(t.namespace_uri)',
    prefix: 's_collate(t.prefix)',
    label: 's_collate(t.label)',
    comment: 's_collate(t.comment)',
    property_count: '(SELECT COUNT(*) FROM property p WHERE p.vocabulary_id = t.id)',
    resource_class_count: '(SELECT COUNT(*) FROM resource_class c WHERE c.vocabulary_id = t.id)',
  },
  render: (req, rows) => rows.map((r) => vocabularyJson(req.urls, r)),
}
