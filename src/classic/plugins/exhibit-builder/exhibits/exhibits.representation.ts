import type { Urls } from '../../../../core/http/urls.js'
import { toIsoDate } from '../../../shared.js'
import type { ExhibitRelations, ExhibitRow } from './exhibits.repo.js'

/** ExhibitBuilder's own reference shape: {id, resource, url} (core Omeka puts url second). */
export function ebRef(id: number, resource: string, urls: Urls) {
  return { id, resource, url: urls.api(resource, id) }
}

/** An exhibit as ExhibitBuilder's Api_Exhibit serves it (title before url), keys in its order. */
export function toExhibitJson(
  row: ExhibitRow,
  rel: ExhibitRelations,
  urls: Urls,
  extended: Record<string, unknown> | unknown[],
) {
  return {
    id: row.id,
    title: row.title,
    url: urls.api('exhibits', row.id),
    slug: row.slug,
    description: row.description,
    credits: row.credits,
    featured: row.featured,
    public: row.public,
    added: toIsoDate(row.added),
    modified: toIsoDate(row.modified),
    owner: row.ownerId === null ? null : ebRef(row.ownerId, 'users', urls),
    pages: {
      count: rel.pageCounts.get(row.id) ?? 0,
      resource: 'exhibit_pages',
      url: `${urls.api('exhibit_pages')}?exhibit=${row.id}`,
    },
    tags: (rel.tags.get(row.id) ?? []).map((t) => ({
      id: t.id,
      url: urls.api('tags', t.id),
      name: t.name,
      resource: 'tags',
    })),
    extended_resources: extended,
  }
}
