import { Hono } from 'hono'
import type { AdminApi } from './api-client.js'
import { errorMessage } from './api-client.js'
import { pageParam, type AdminContext, type AdminEnv } from './admin.context.js'
import { BrowsePage, type Card } from './views/browse.js'

const PER_PAGE = 12

interface BrowseResource {
  name: string
  label: string
  /** The API's search parameter for this resource; absent when its API has none. */
  search?: string
  card(api: AdminApi, record: any): Promise<Card> | Card
}

const dcTitle = (r: any): string | undefined =>
  (r.element_texts ?? []).find((t: any) => t.element?.name === 'Title' && t.element_set?.name === 'Dublin Core')?.text

/** The resources of Omeka Classic the browser shows. Only items have a search in the Classic API. */
const CLASSIC: BrowseResource[] = [
  {
    name: 'items',
    label: 'Items',
    search: 'search',
    async card(api, r) {
      let thumbnail: string | null = null
      if (r.files?.count > 0) {
        const files = await api.api('GET', '/files', { item: r.id, per_page: 1 })
        thumbnail = Array.isArray(files.body) ? (files.body[0]?.file_urls?.square_thumbnail ?? null) : null
      }
      return {
        id: r.id,
        title: dcTitle(r) ?? '[Untitled]',
        thumbnail,
        detail: `${r.public ? 'public' : 'private'} · ${r.files?.count ?? 0} files${r.collection ? ` · collection #${r.collection.id}` : ''}`,
        apiUrl: r.url,
      }
    },
  },
  {
    name: 'collections',
    label: 'Collections',
    card: (_api, r) => ({
      id: r.id,
      title: dcTitle(r) ?? '[Untitled]',
      thumbnail: null,
      detail: `${r.public ? 'public' : 'private'} · ${r.items?.count ?? 0} items`,
      apiUrl: r.url,
    }),
  },
  {
    name: 'files',
    label: 'Files',
    card: (_api, r) => ({
      id: r.id,
      title: dcTitle(r) ?? r.original_filename,
      thumbnail: r.file_urls?.square_thumbnail ?? null,
      detail: `${r.mime_type} · item #${r.item?.id}`,
      apiUrl: r.url,
    }),
  },
]

const sThumb = (r: any): string | null => r.thumbnail_display_urls?.square ?? null

/** The resources of Omeka S the browser shows, searched with `fulltext_search`. */
const S: BrowseResource[] = [
  {
    name: 'items',
    label: 'Items',
    search: 'fulltext_search',
    card: (_api, r) => ({
      id: r['o:id'],
      title: r['o:title'] ?? '[Untitled]',
      thumbnail: sThumb(r),
      detail: `${r['o:is_public'] ? 'public' : 'private'} · ${(r['o:media'] ?? []).length} media`,
      apiUrl: r['@id'],
    }),
  },
  {
    name: 'item_sets',
    label: 'Item sets',
    search: 'fulltext_search',
    card: (_api, r) => ({
      id: r['o:id'],
      title: r['o:title'] ?? '[Untitled]',
      thumbnail: sThumb(r),
      detail: r['o:is_public'] ? 'public' : 'private',
      apiUrl: r['@id'],
    }),
  },
  {
    name: 'media',
    label: 'Media',
    search: 'fulltext_search',
    card: (_api, r) => ({
      id: r['o:id'],
      title: r['o:title'] ?? r['o:source'] ?? '[Untitled]',
      thumbnail: sThumb(r),
      detail: `${r['o:media_type'] ?? r['o:ingester']} · item #${r['o:item']?.['o:id']}`,
      apiUrl: r['@id'],
    }),
  },
]

/** `/admin/browse/<resource>`: a page of records with thumbnails, a search box and paging. */
export function browseRoutes(ctx: AdminContext): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>()
  r.get('/', (c) => c.redirect('/admin/browse/items', 302))
  r.get('/:resource', async (c) => {
    const resources = c.var.api.flavor === 'classic' ? CLASSIC : S
    const resource = resources.find((x) => x.name === c.req.param('resource'))
    if (!resource) return c.notFound()
    const page = pageParam(c)
    const q = resource.search ? (c.req.query('q') ?? '').trim() : ''
    const query: Record<string, string | number> = {
      page,
      per_page: PER_PAGE,
      ...(q && resource.search ? { [resource.search]: q } : {}),
    }
    const answer = await c.var.api.api('GET', `/${resource.name}`, query)
    const records = Array.isArray(answer.body) ? answer.body : []
    const cards = await Promise.all(records.map((rec) => resource.card(c.var.api, rec)))
    return c.html(
      <BrowsePage
        session={c.var.session}
        control={ctx.control}
        resources={resources}
        current={resource.name}
        searchable={resource.search !== undefined}
        query={q}
        cards={cards}
        paging={{ page, perPage: PER_PAGE, total: answer.total ?? records.length }}
        error={answer.status === 200 ? undefined : errorMessage(answer)}
      />,
    )
  })
  return r
}
