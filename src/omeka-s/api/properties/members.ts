import type { PhpArray } from '../../../core/http/php-query.js'
import type { ApiRequest } from '../../context.js'
import { ref } from '../resources/json.js'
import { valueVisibleSql, visibleSql } from '../resources/resource.data.js'
import type { Where } from '../resources/resource.search.js'
import { param, type TableSpec } from '../../simple.js'

export interface MemberRow {
  id: number
  ownerId: number | null
  vocabularyId: number
  localName: string
  label: string
  comment: string | null
  prefix: string
}

/**
 * Properties and resource classes share one adapter shape (vocabulary members): the same criteria
 * (`used` means used by values or by resources), the same sorts and the same representation.
 */
export function memberSpec(
  table: 'property' | 'resource_class',
  entity: string,
  resource: string,
  type: string,
): TableSpec<MemberRow> {
  const usedBy =
    table === 'property'
      ? 'SELECT 1 FROM value u JOIN resource r ON r.id = u.resource_id WHERE u.property_id = t.id'
      : 'SELECT 1 FROM resource r WHERE r.resource_class_id = t.id'
  const count =
    table === 'property'
      ? 'SELECT COUNT(*) FROM value u WHERE u.property_id = t.id'
      : 'SELECT COUNT(*) FROM resource r WHERE r.resource_class_id = t.id'
  return {
    table: `${table} t JOIN vocabulary voc ON voc.id = t.vocabulary_id`,
    entity,
    select:
      't.id, t.owner_id AS ownerId, t.vocabulary_id AS vocabularyId, t.local_name AS localName, t.label, t.comment, voc.prefix',
    where(q: PhpArray, w: Where, req: ApiRequest) {
      const filters: [string, string][] = [
        ['owner_id', 't.owner_id'],
        ['vocabulary_id', 't.vocabulary_id'],
        ['vocabulary_namespace_uri', 'voc.namespace_uri'],
        ['vocabulary_prefix', 'voc.prefix'],
        ['local_name', 't.local_name'],
      ]
      for (const [name, col] of filters) {
        const v = param(q, name)
        if (v !== undefined) w.add(`${col} = ?`, v)
      }
      const term = param(q, 'term')
      // A term without a colon is not a term: Omeka ignores it.
      if (term?.includes(':')) w.add("voc.prefix || ':' || t.local_name = ?", term)
      // `if ($query['used'])`: PHP's falsy '0' (and '') is no filter, not "unused".
      const used = param(q, 'used')
      if (used !== undefined && used !== '0') {
        const vis = visibleSql(req.user)
        const values = table === 'property' ? valueVisibleSql(req.user) : { sql: '1', args: [] }
        w.add(`EXISTS (${usedBy} AND ${vis.sql} AND ${values.sql})`, ...vis.args, ...values.args)
      }
    },
    sorts: {
      id: 't.id',
      local_name: 's_collate(t.local_name)',
      label: 's_collate(t.label)',
      comment: 's_collate(t.comment)',
      item_count: `(${count})`,
    },
    render: (req, rows) =>
      rows.map((m) => ({
        '@context': req.urls.context,
        '@id': req.urls.api(resource, m.id),
        '@type': type,
        'o:id': m.id,
        'o:local_name': m.localName,
        'o:label': m.label,
        'o:comment': m.comment,
        'o:term': `${m.prefix}:${m.localName}`,
        'o:vocabulary': ref(req.urls, 'vocabularies', m.vocabularyId),
      })),
  }
}
