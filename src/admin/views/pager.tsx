export interface Paging {
  page: number
  perPage: number
  total: number
}

/** Previous / next links with the page count; plain links, so they work by keyboard and without script. */
export function Pager(p: { paging: Paging; base: string; extra?: Record<string, string>; label: string }) {
  const pages = Math.max(1, Math.ceil(p.paging.total / p.paging.perPage))
  if (pages <= 1) return null
  const href = (page: number) =>
    `${p.base}?${new URLSearchParams({ ...(p.extra ?? {}), page: String(page) }).toString()}`
  return (
    <nav class="pager" aria-label={p.label}>
      {p.paging.page > 1 ? (
        <a href={href(p.paging.page - 1)} rel="prev">
          Previous page
        </a>
      ) : null}
      <span aria-current="page">
        Page {p.paging.page} of {pages}
      </span>
      {p.paging.page < pages ? (
        <a href={href(p.paging.page + 1)} rel="next">
          Next page
        </a>
      ) : null}
    </nav>
  )
}
