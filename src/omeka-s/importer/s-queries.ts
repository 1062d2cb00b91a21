import { httpBuildQuery, parsePhpQuery, type PhpArray } from '../../core/http/php-query.js'
import type { RunCtx } from './context.js'
import { termId } from './schema.js'
import type { ImportResource } from './runs.repo.js'

/** Search keys (item pools, browse links and previews) whose values are ids of records the import maps. */
const MAPPED_KEYS: Record<string, ImportResource> = {
  id: 'items',
  item_set_id: 'item_sets',
  owner_id: 'users',
  resource_template_id: 'resource_templates',
  site_id: 'sites',
}

type Lookup = (remote: number) => number | null

/** The local id of a remote id under a search key; null when the key holds no ids. */
function lookupFor(ctx: RunCtx, key: string): Lookup | null {
  const resource = MAPPED_KEYS[key]
  if (resource) return (r) => ctx.map.get(resource, r)?.localId ?? null
  if (key === 'resource_class_id') return (r) => termId(ctx.deps.db, 'resource_class', ctx.remoteTerms.classes.get(r))
  if (key === 'property')
    return (r) =>
      ctx.remoteTerms.properties.has(r) ? ctx.catalog.propertyIdOf(ctx.remoteTerms.properties.get(r)!) || null : null
  return null
}

function entriesOf(n: unknown): [string, unknown][] | null {
  if (n instanceof Map) return [...(n as Map<string, unknown>).entries()]
  if (Array.isArray(n)) return n.map((v, i) => [String(i), v])
  return n !== null && typeof n === 'object' ? Object.entries(n) : null
}

/** The same kind of container (Map, array, object) with new entries, order kept. */
function rebuild(like: unknown, entries: [string, unknown][]): unknown {
  if (like instanceof Map) return new Map(entries)
  return Array.isArray(like) ? entries.map((e) => e[1]) : Object.fromEntries(entries)
}

/** Every scalar of a value (a scalar, or nested arrays/objects of them) through `fn`. */
function mapLeaves(n: unknown, fn: (leaf: unknown) => unknown): unknown {
  const e = entriesOf(n)
  return e
    ? rebuild(
        n,
        e.map(([k, v]) => [k, mapLeaves(v, fn)]),
      )
    : fn(n)
}

/** One id: mapped when known; an unknown one becomes 0 (matches nothing here) and is reported. Its type is kept. */
function idLeaf(key: string, look: Lookup, missing: string[]) {
  return (leaf: unknown): unknown => {
    const n = typeof leaf === 'number' ? leaf : typeof leaf === 'string' && /^\d+$/.test(leaf) ? Number(leaf) : null
    if (n === null || n === 0) return leaf
    const local = look(n)
    if (local === null) missing.push(`${key} ${n}`)
    return typeof leaf === 'number' ? (local ?? 0) : String(local ?? 0)
  }
}

/** A search query (an item pool: object, array or parsed Map) with its ids remapped to this database. */
export function remapQuery(ctx: RunCtx, q: unknown, missing: string[]): unknown {
  const e = entriesOf(q)
  if (!e) return q
  return rebuild(
    q,
    e.map(([k, v]): [string, unknown] => {
      if (k === 'property') {
        const crits = entriesOf(v)
        const look = lookupFor(ctx, 'property')!
        return [
          k,
          crits
            ? rebuild(
                v,
                crits.map(([n, c]) => [
                  n,
                  rebuild(
                    c,
                    (entriesOf(c) ?? []).map(([ck, cv]) => [
                      ck,
                      ck === 'property' ? mapLeaves(cv, idLeaf('property', look, missing)) : cv,
                    ]),
                  ),
                ]),
              )
            : v,
        ]
      }
      const look = lookupFor(ctx, k)
      return [k, look ? mapLeaves(v, idLeaf(k, look, missing)) : v]
    }),
  )
}

/** A query string (a browse link's or a browse preview's) with its ids remapped; unchanged text when nothing moved. */
export function remapQueryString(ctx: RunCtx, s: unknown, missing: string[]): unknown {
  if (typeof s !== 'string' || s === '') return s
  const parsed = parsePhpQuery(s.replace(/^\?/, ''))
  const out = remapQuery(ctx, parsed, missing) as PhpArray
  return httpBuildQuery(out) === httpBuildQuery(parsed) ? s : httpBuildQuery(out)
}

type NavLink = { type?: unknown; data?: Record<string, unknown>; links?: unknown }

/**
 * A site's navigation with page links pointing at the pages mapped here and browse queries remapped;
 * a link to a page not imported is left out (its sub-links take its place) and reported.
 */
export function remapNavigation(ctx: RunCtx, nav: unknown, missing: string[]): unknown[] {
  const out: unknown[] = []
  for (const link of Array.isArray(nav) ? (nav as NavLink[]) : []) {
    if (!link || typeof link !== 'object') continue
    const links = remapNavigation(ctx, link.links, missing)
    const data = link.data && typeof link.data === 'object' && !Array.isArray(link.data) ? { ...link.data } : link.data
    if (link.type === 'page' && data) {
      const remote = Number(data.id)
      const local = Number.isInteger(remote) ? (ctx.map.get('site_pages', remote)?.localId ?? null) : null
      if (local === null) {
        missing.push(`page ${String(data.id)}`)
        out.push(...links)
        continue
      }
      data.id = typeof data.id === 'string' ? String(local) : local
    }
    if (link.type === 'browse' && data && 'query' in data) data.query = remapQueryString(ctx, data.query, missing)
    out.push({ ...link, ...(data !== undefined ? { data } : {}), ...(link.links !== undefined ? { links } : {}) })
  }
  return out
}
