import { transaction } from '../../db/client.js'
import { can } from '../../acl.js'
import { notFound, permissionDenied } from '../../../core/http/errors.js'
import { scalarParam } from '../../../core/http/php-query.js'
import type { ClassicResource } from '../../context.js'
import { bugCompat, deletedResponse, indexResponse, pageOf, recordResponse } from '../../respond.js'
import { sortDirection } from '../../shared.js'
import { deleteTag, findTag, searchTags, type TagRef } from './tags.repo.js'
import type { Urls } from '../../../core/http/urls.js'

/** A tag as Api_Tag represents it (no `resource` key at the top level). */
export function toTagJson(t: TagRef, urls: Urls) {
  return { id: t.id, url: urls.api('tags', t.id), name: t.name, extended_resources: [] }
}

const TAG_SORTS: Record<string, string> = {
  id: 'tags.id',
  name: 'tags.name COLLATE NOCASE',
  count: '(SELECT COUNT(*) FROM records_tags rt WHERE rt.tag_id = tags.id)',
  // MariaDB reads the GROUP BY's first tagging row, i.e. the tag's earliest tagging; Table_Tag then orders ties by name.
  time: '(SELECT MIN(rt.time) FROM records_tags rt WHERE rt.tag_id = tags.id)',
}

export const tagsResource: ClassicResource = {
  name: 'tags',
  recordType: 'Tag',
  actions: ['index', 'get', 'delete'],
  handlers: {
    index(req) {
      const page = pageOf(req)
      const field = scalarParam(req.query, 'sort_field') ?? ''
      const key = TAG_SORTS[field]
      const dir = sortDirection(req.query)
      // Observed: ties in a tag sort come out in id order of the same direction.
      const byName = field === 'time' ? ', tags.name COLLATE NOCASE ASC' : ''
      const order = field === 'random' ? 'RANDOM()' : key ? `${key} ${dir}${byName}, tags.id ${dir}` : 'tags.id ASC'
      const { rows, total } = searchTags(req.deps.db, order, page.page, page.perPage, bugCompat(req))
      return indexResponse(
        req,
        'tags',
        rows.map((t) => toTagJson(t, req.urls)),
        total,
        page,
      )
    },
    get(req) {
      return recordResponse(req, toTagJson(findTag(req.deps.db, req.id) ?? notFound(), req.urls))
    },
    delete(req) {
      const { db } = req.deps
      const tag = findTag(db, req.id) ?? notFound()
      if (!can(req.user, 'delete', 'Tags')) permissionDenied()
      transaction(db, () => deleteTag(db, tag.id))
      return deletedResponse()
    },
  },
}
