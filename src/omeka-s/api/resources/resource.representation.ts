import { prepared, type Db } from '../../db/client.js'
import type { User } from '../../acl.js'
import type { Urls } from '../../urls.js'
import type { Settings } from '../../settings.js'
import { Catalog } from './catalog.js'
import { loadMediaRows, loadResources, loadValues, visibleSql, type ResourceRow } from './resource.data.js'
import { valuesJson, type LinkedInfo } from './values.representation.js'
import { loadRelations, mediaRelations, primaryMediaIds, type Relations } from './relations.js'
import { dateJson, mediaThumbnails, ref } from './json.js'

const JSON_LD_TYPE = { items: 'o:Item', item_sets: 'o:ItemSet', media: 'o:Media' } as const

/** What one request needs to render resources: the caller, the URLs, the settings and the catalogue. */
export type { RenderScope } from './render-scope.js'
import type { RenderScope } from './render-scope.js'

export function renderScope(db: Db, urls: Urls, user: User | null, settings: Settings): RenderScope {
  return { db, urls, user, settings, catalog: Catalog.of(db) }
}

function thumbnailUrls(scope: RenderScope, r: ResourceRow, rel: Relations): Record<string, string | null> {
  if (r.thumbnailId !== null) {
    const asset = rel.assets.get(r.thumbnailId)
    if (asset) return { large: asset, medium: asset, square: asset }
  }
  const pm = rel.primaryMedia.get(r.id)
  const media = pm === undefined ? undefined : rel.media.get(pm)
  return media ? mediaThumbnails(scope.urls, media) : { large: null, medium: null, square: null }
}

function linkedInfo(
  scope: RenderScope,
  values: Map<number, { valueResourceId: number | null }[]>,
): Map<number, LinkedInfo> {
  const ids = [
    ...new Set(
      [...values.values()]
        .flat()
        .map((v) => v.valueResourceId)
        .filter((id): id is number => id !== null),
    ),
  ]
  const rows = loadResources(scope.db, ids, scope.user)
  const primary = primaryMediaIds(scope.db, rows, scope.user)
  const media = loadMediaRows(scope.db, [...primary.values()])
  const titles = new Map(loadResources(scope.db, [...primary.values()], null).map((r) => [r.id, r.title]))
  return new Map(
    rows.map((row) => {
      const m = media.get(primary.get(row.id) ?? -1)
      const thumb = m
        ? { url: mediaThumbnails(scope.urls, m).square!, title: titles.get(m.id) ?? null, type: m.mediaType }
        : null
      return [row.id, { row, thumbnail: thumb }]
    }),
  )
}

/** `@reverse` of each resource: the visible resources whose values link to it, by property. */
function reverseJson(scope: RenderScope, ids: readonly number[]): Map<number, Record<string, unknown[]>> {
  const out = new Map<number, Record<string, unknown[]>>()
  if (ids.length === 0) return out
  const vis = visibleSql(scope.user)
  const rows = prepared<{ target: number; pid: number; id: number; title: string | null }>(
    scope.db,
    `SELECT v.value_resource_id AS target, v.property_id AS pid, r.id, r.title FROM value v JOIN resource r ON r.id = v.resource_id
     WHERE v.value_resource_id IN (${ids.map(() => '?').join(', ')}) AND ${vis.sql} ORDER BY v.value_resource_id, v.property_id, r.id`,
  ).all(...ids, ...vis.args)
  for (const r of rows) {
    if (!out.has(r.target)) out.set(r.target, {})
    ;(out.get(r.target)![scope.catalog.property(r.pid)!.term] ??= []).push({
      '@id': scope.urls.api('resources', r.id),
      'o:title': r.title,
    })
  }
  return out
}

function kindJson(scope: RenderScope, r: ResourceRow, rel: Relations): Record<string, unknown> {
  const { urls } = scope
  if (r.kind === 'items') {
    return {
      'o:primary_media': ref(urls, 'media', rel.primaryMedia.get(r.id) ?? null),
      'o:media': (rel.itemMedia.get(r.id) ?? []).map((m) => ref(urls, 'media', m)),
      'o:item_set': (rel.itemSets.get(r.id) ?? []).map((s) => ref(urls, 'item_sets', s)),
      'o:site': (rel.itemSites.get(r.id) ?? []).map((s) => ref(urls, 'sites', s)),
    }
  }
  if (r.kind === 'item_sets')
    return {
      'o:is_open': rel.isOpen.get(r.id) ?? false,
      'o:items': { '@id': `${urls.api('items')}?item_set_id=${r.id}` },
    }
  return mediaRelations(scope, rel.media.get(r.id)!)
}

/** html media are typed o-cnt:ContentAsText (the html renderer's JSON-LD type) and carry their HTML. */
function jsonLdType(r: ResourceRow, classTerm: string | undefined, rel: Relations): string | string[] {
  if (r.kind === 'media' && rel.media.get(r.id)?.renderer === 'html') return 'o-cnt:ContentAsText'
  return classTerm ? [JSON_LD_TYPE[r.kind], classTerm] : JSON_LD_TYPE[r.kind]
}

function mediaContent(r: ResourceRow, rel: Relations): Record<string, unknown> {
  const m = r.kind === 'media' ? rel.media.get(r.id) : undefined
  if (m?.renderer !== 'html' || m.data === null) return {}
  return { 'o-cnt:chars': (JSON.parse(m.data) as { html?: unknown }).html ?? null, 'o-cnt:characterEncoding': 'UTF-8' }
}

/** Full JSON-LD of items, item sets and media (AbstractResourceEntityRepresentation + the kind's keys). */
export function renderResources(
  scope: RenderScope,
  rows: readonly ResourceRow[],
  rel: Relations,
): Record<string, unknown>[] {
  const { urls, catalog } = scope
  const values = loadValues(scope.db, rows, scope.user)
  const linked = linkedInfo(scope, values)
  const defaults = [catalog.propertyIdOf('dcterms:title'), catalog.propertyIdOf('dcterms:description')]
  const reverse = scope.settings.disable_jsonld_reverse
    ? new Map<number, Record<string, unknown[]>>()
    : reverseJson(
        scope,
        rows.map((r) => r.id),
      )
  return rows.map((r) => {
    const cls = catalog.resourceClass(r.classId)
    const out: Record<string, unknown> = {
      '@context': urls.context,
      '@id': urls.api(r.kind, r.id),
      '@type': jsonLdType(r, cls?.term, rel),
      'o:id': r.id,
      'o:is_public': r.isPublic,
      'o:owner': ref(urls, 'users', r.ownerId),
      'o:resource_class': ref(urls, 'resource_classes', r.classId),
      'o:resource_template': ref(urls, 'resource_templates', r.templateId),
      'o:thumbnail': ref(urls, 'assets', r.thumbnailId),
      'o:title': r.title,
      thumbnail_display_urls: thumbnailUrls(scope, r, rel),
      'o:created': dateJson(r.created),
      'o:modified': dateJson(r.modified),
      ...kindJson(scope, r, rel),
      ...valuesJson(
        values.get(r.id) ?? [],
        catalog.template(r.templateId)?.properties ?? defaults,
        catalog,
        urls,
        linked,
      ),
    }
    Object.assign(out, mediaContent(r, rel))
    if (reverse.has(r.id)) out['@reverse'] = reverse.get(r.id)
    return out
  })
}

/** Renders a page of resource rows with everything around them. */
export function represent(scope: RenderScope, rows: readonly ResourceRow[]): Record<string, unknown>[] {
  return renderResources(scope, rows, loadRelations(scope.db, scope.urls, rows, scope.user))
}
