import { dateOf, refId } from '../fixtures/insert.js'
import { commitPage, nextPageUrl, walk, type RunCtx } from './context.js'
import { remapNavigation, remapQuery } from './s-queries.js'
import { claimId, decide, dryRunLog, liveLocal, modifiedStamp, nowStored, recordHash, remember } from './s-records.js'
import { ownerFor } from './owners.js'
import { remoteIdOf } from '../../core/import/run-context.js'
import { originSite, readRecord, type OriginSite } from './origin.schemas.js'
import type { RecordLog } from './runs.repo.js'

/** A site as mapped from the origin (local ids); navigation and homepage stay remote until the page-link pass. */
interface SiteIn {
  slug: string
  theme: string
  title: string
  summary: string | null
  ownerId: number | null
  thumbnailId: number | null
  itemPool: unknown
  created: string | null
  modified: string | null
  isPublic: boolean
  assignNewItems: boolean
  permissions: { userId: number; role: string }[]
  itemSets: number[]
  navigation: unknown
  homepage: number | null
}

function mapSite(ctx: RunCtx, s: OriginSite, missing: string[]): SiteIn {
  const thumb = refId(s['o:thumbnail'])
  const thumbnailId = liveLocal(ctx, 'assets', 'asset', thumb)
  if (thumb !== null && thumbnailId === null) missing.push(`asset ${thumb}`)
  const permissions = (s['o:site_permission'] ?? []).flatMap((p) => {
    const user = ctx.map.get('users', p['o:user']['o:id'])
    if (!user) missing.push(`user ${p['o:user']['o:id']}`)
    return user ? [{ userId: user.localId, role: p['o:role'] }] : []
  })
  const itemSets = (s['o:site_item_set'] ?? []).flatMap((x) => {
    const local = liveLocal(ctx, 'item_sets', 'resource', x['o:item_set']['o:id'])
    if (local === null) missing.push(`item set ${x['o:item_set']['o:id']}`)
    return local === null ? [] : [local]
  })
  return {
    slug: s['o:slug'],
    theme: s['o:theme'] ?? 'default',
    title: s['o:title'],
    summary: s['o:summary'] ?? null,
    ownerId: ownerFor(ctx, refId(s['o:owner'])),
    thumbnailId,
    itemPool: remapQuery(ctx, s['o:item_pool'] ?? [], missing),
    created: dateOf(s['o:created']),
    modified: dateOf(s['o:modified']),
    isPublic: s['o:is_public'] !== false,
    assignNewItems: s['o:assign_new_items'] === true,
    permissions,
    itemSets,
    navigation: s['o:navigation'] ?? [],
    homepage: refId(s['o:homepage']),
  }
}

/** Permissions and item sets: the origin's; merging, local extras stay after them. */
function writeSiteRelations(ctx: RunCtx, id: number, s: SiteIn, replaceAll: boolean): void {
  const { db } = ctx.deps
  const users = JSON.stringify(s.permissions.map((p) => p.userId))
  db.$client
    .prepare(
      replaceAll
        ? 'DELETE FROM site_permission WHERE site_id = ?'
        : 'DELETE FROM site_permission WHERE site_id = ? AND user_id IN (SELECT value FROM json_each(?))',
    )
    .run(id, ...(replaceAll ? [] : [users]))
  for (const p of s.permissions)
    db.$client
      .prepare('INSERT INTO site_permission (site_id, user_id, role) VALUES (?, ?, ?)')
      .run(id, p.userId, p.role)
  const local = replaceAll
    ? []
    : db.$client
        .prepare<unknown[], { s: number }>(
          'SELECT item_set_id AS s FROM site_item_set WHERE site_id = ? ORDER BY position',
        )
        .all(id)
        .map((r) => r.s)
  db.$client.prepare('DELETE FROM site_item_set WHERE site_id = ?').run(id)
  ;[...new Set([...s.itemSets, ...local])].forEach((set, n) =>
    db.$client
      .prepare('INSERT INTO site_item_set (site_id, item_set_id, position) VALUES (?, ?, ?)')
      .run(id, set, n + 1),
  )
}

function writeSite(ctx: RunCtx, remoteId: number, s: SiteIn, existing: number | null): number {
  const { db } = ctx.deps
  const id = existing ?? claimId(ctx, 'site', remoteId)
  const nav = JSON.stringify(remapNavigation(ctx, s.navigation, []))
  const home = liveLocal(ctx, 'site_pages', 'site_page', s.homepage)
  const cols = [
    s.ownerId,
    s.slug,
    s.theme,
    s.title,
    s.summary,
    s.thumbnailId,
    nav,
    home,
    JSON.stringify(s.itemPool),
    s.created ?? nowStored(),
    s.modified,
    s.isPublic ? 1 : 0,
    s.assignNewItems ? 1 : 0,
    id,
  ]
  const sql =
    existing === null
      ? 'INSERT INTO site (owner_id, slug, theme, title, summary, thumbnail_id, navigation, homepage_id, item_pool, created, modified, is_public, assign_new_items, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
      : 'UPDATE site SET owner_id = ?, slug = ?, theme = ?, title = ?, summary = ?, thumbnail_id = ?, navigation = ?, homepage_id = ?, item_pool = ?, created = ?, modified = ?, is_public = ?, assign_new_items = ? WHERE id = ?'
  db.$client.prepare(sql).run(...cols)
  writeSiteRelations(ctx, id, s, existing === null || ctx.run.options.mode === 'mirror')
  return id
}

/** Items of this origin whose `o:site` lists a remote site join the local site (the item side adds links for sites mapped earlier). */
function linkSiteItems(ctx: RunCtx, remoteSite: number, localSite: number): void {
  ctx.deps.db.$client
    .prepare(
      `INSERT OR IGNORE INTO item_site (item_id, site_id) SELECT m.local_id, ? FROM import_id_map m, json_each(m.data, '$.sites') j
       WHERE m.origin = ? AND m.resource = 'items' AND j.value = ? AND EXISTS (SELECT 1 FROM item WHERE id = m.local_id)`,
    )
    .run(localSite, ctx.map.origin, remoteSite)
}

/** An item's sites from its `o:site`: those mapped here; a mirror (or a new item) has exactly those, a merge adds them. */
export function linkItemSites(ctx: RunCtx, itemId: number, remoteSites: readonly number[], replaceAll: boolean): void {
  const { db } = ctx.deps
  if (replaceAll) db.$client.prepare('DELETE FROM item_site WHERE item_id = ?').run(itemId)
  for (const remote of remoteSites) {
    const site = liveLocal(ctx, 'sites', 'site', remote)
    if (site !== null)
      db.$client.prepare('INSERT OR IGNORE INTO item_site (item_id, site_id) VALUES (?, ?)').run(itemId, site)
  }
}

function importSite(ctx: RunCtx, raw: OriginSite): RecordLog {
  const remoteId = raw['o:id']
  const base = { resource: 'sites' as const, remoteId }
  const { db } = ctx.deps
  const missing: string[] = []
  const s = mapSite(ctx, raw, missing)
  const entry = ctx.map.get('sites', remoteId)
  const hash = recordHash(ctx, s)
  const d = decide(ctx, entry, modifiedStamp(ctx.deps, 'site', entry?.localId), hash)
  const clash = db.$client
    .prepare<unknown[], { id: number }>('SELECT id FROM site WHERE slug = ? AND id != ?')
    .get(s.slug, d.existing ?? 0)
  if (clash && d.existing === null)
    return {
      ...base,
      localId: null,
      outcome: 'skipped',
      message: `A local site (${clash.id}) already has the slug "${s.slug}"; not imported`,
    }
  if (clash)
    s.slug = db.$client.prepare<unknown[], { slug: string }>('SELECT slug FROM site WHERE id = ?').get(d.existing)!.slug
  if (d.outcome === 'unchanged' || ctx.run.options.dry_run)
    return d.outcome === 'unchanged'
      ? { ...base, localId: d.existing, outcome: 'unchanged', message: d.message }
      : dryRunLog('sites', remoteId, entry, d)
  const id = writeSite(ctx, remoteId, s, d.existing)
  linkSiteItems(ctx, remoteId, id)
  remember(ctx, 'sites', remoteId, id, hash, modifiedStamp(ctx.deps, 'site', id) ?? null, d, entry, {
    navigation: s.navigation,
    homepage: s.homepage,
  })
  const notes = [
    ...(clash ? [`The slug "${raw['o:slug']}" is taken here; the local slug was kept`] : []),
    ...(missing.length ? [`Not imported, left out: ${missing.join(', ')}`] : []),
  ]
  return { ...base, localId: id, outcome: d.outcome, message: notes.join('; ') || null }
}

/** Sites (after items and media): one transaction per page. */
export async function importSSites(ctx: RunCtx, url: string): Promise<void> {
  await walk(ctx, 'sites', url, (page) => {
    commitPage(ctx, { resource: 'sites', url: nextPageUrl(page.url) }, () =>
      page.records.map((raw): RecordLog => {
        const parsed = readRecord(originSite, raw)
        return parsed.ok
          ? importSite(ctx, parsed.value)
          : { resource: 'sites', remoteId: remoteIdOf(raw), localId: null, outcome: 'failed', message: parsed.message }
      }),
    )
  })
}

/**
 * After the pages: each imported site not edited here since gets its navigation's page links and its
 * homepage pointing at the pages mapped now (its modified date unchanged). Reports links to pages not imported.
 */
export function rewriteSiteLinks(ctx: RunCtx): RecordLog[] {
  const { db } = ctx.deps
  const logs: RecordLog[] = []
  for (const e of ctx.map.all('sites').values()) {
    const row = db.$client
      .prepare<unknown[], { modified: string | null; navigation: string; homepageId: number | null }>(
        'SELECT modified, navigation, homepage_id AS homepageId FROM site WHERE id = ?',
      )
      .get(e.localId)
    if (!e.data || !row || row.modified !== e.localModified) continue
    const d = JSON.parse(e.data) as { navigation: unknown; homepage: number | null }
    const missing: string[] = []
    const nav = JSON.stringify(remapNavigation(ctx, d.navigation, missing))
    const home = liveLocal(ctx, 'site_pages', 'site_page', d.homepage)
    if (nav === row.navigation && home === row.homepageId) continue
    db.$client.prepare('UPDATE site SET navigation = ?, homepage_id = ? WHERE id = ?').run(nav, home, e.localId)
    if (missing.length || (d.homepage !== null && home === null))
      logs.push({
        resource: 'sites',
        remoteId: e.remoteId,
        localId: e.localId,
        outcome: 'skipped',
        message: `Navigation or homepage points at records not imported: ${[...missing, ...(home === null && d.homepage !== null ? [`homepage ${d.homepage}`] : [])].join(', ')}`,
      })
  }
  return logs
}
