import type { AdminSession } from '../session.js'
import { Layout } from './layout.js'
import { Pager, type Paging } from './pager.js'

export interface Card {
  id: number
  title: string
  /** Small image URL (square thumbnail) or null. */
  thumbnail: string | null
  detail: string
  /** The record in the API (JSON). */
  apiUrl: string
}

/** The browser: one resource at a time, with search and paging. */
export function BrowsePage(p: {
  session: AdminSession
  control: boolean
  resources: { name: string; label: string }[]
  current: string
  searchable: boolean
  query: string
  cards: Card[]
  paging: Paging
  error?: string | undefined
}) {
  const label = p.resources.find((r) => r.name === p.current)?.label ?? p.current
  return (
    <Layout title={`Browse ${label.toLowerCase()}`} session={p.session} control={p.control} error={p.error}>
      <nav aria-label="Resources" class="tabs">
        <ul>
          {p.resources.map((r) => (
            <li>
              <a href={`/admin/browse/${r.name}`} aria-current={r.name === p.current ? 'page' : undefined}>
                {r.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {p.searchable ? (
        // biome-ignore lint/a11y/useSemanticElements: <search> is not yet announced by every screen reader; role="search" is
        <form method="get" action={`/admin/browse/${p.current}`} role="search" class="inline-form">
          <label for="q">Search {label.toLowerCase()}</label>
          <input id="q" name="q" type="search" value={p.query} />
          <button type="submit">Search</button>
        </form>
      ) : (
        <p class="help">The Omeka Classic API has no search for {label.toLowerCase()}: browse them page by page.</p>
      )}
      <p id="browse-total" role="status">
        {p.paging.total} {p.paging.total === 1 ? 'record' : 'records'}
        {p.query ? ` matching "${p.query}"` : ''}
      </p>
      <ul class="cards">
        {p.cards.map((c) => (
          <li class="card">
            {c.thumbnail ? (
              <img src={c.thumbnail} alt="" width={96} height={96} loading="lazy" />
            ) : (
              <span class="nothumb" aria-hidden="true">
                no image
              </span>
            )}
            <div>
              <h2 class="card-title">
                <a href={c.apiUrl}>{c.title}</a>
              </h2>
              <p class="help">
                #{c.id} · {c.detail}
              </p>
            </div>
          </li>
        ))}
      </ul>
      <Pager
        paging={p.paging}
        base={`/admin/browse/${p.current}`}
        extra={p.query ? { q: p.query } : {}}
        label={`${label} pages`}
      />
    </Layout>
  )
}
