import type { Urls } from '../../urls.js'
import type { Catalog } from './catalog.js'
import type { ResourceRow, ValueRow } from './resource.data.js'

/** What a resource value needs to know about the resource it links to. */
export interface LinkedInfo {
  row: ResourceRow
  thumbnail: { url: string; title: string | null; type: string | null } | null
}

/** One value object (ValueRepresentation::jsonSerialize + the data type's keys). */
export function valueJson(
  v: ValueRow,
  catalog: Catalog,
  urls: Urls,
  linked: Map<number, LinkedInfo>,
): Record<string, unknown> | null {
  const prop = catalog.property(v.propertyId)
  const out: Record<string, unknown> = {
    type: v.type,
    property_id: v.propertyId,
    property_label: prop?.label ?? null,
    is_public: v.isPublic,
  }
  if (v.type.startsWith('resource')) {
    const target = v.valueResourceId === null ? undefined : linked.get(v.valueResourceId)
    if (!target) return null
    Object.assign(out, {
      '@id': urls.api(target.row.kind, target.row.id),
      value_resource_id: target.row.id,
      value_resource_name: target.row.kind,
      url: null,
      display_title: target.row.title ?? '[Untitled]',
    })
    if (target.thumbnail)
      Object.assign(out, {
        thumbnail_url: target.thumbnail.url,
        thumbnail_title: target.thumbnail.title,
        thumbnail_type: target.thumbnail.type,
      })
  } else if (v.type === 'uri') {
    out['@id'] = v.uri
    if (v.value) out['o:label'] = v.value
    if (v.lang !== null && v.lang !== '') out['o:lang'] = v.lang
  } else {
    out['@value'] = v.value
    if (v.lang !== null && v.lang !== '') out['@language'] = v.lang
  }
  return out
}

/**
 * The values block of a resource: template properties first (in template order), then the others
 * in order of their first value; each property's values in stored order.
 */
export function valuesJson(
  values: readonly ValueRow[],
  templateProps: readonly number[],
  catalog: Catalog,
  urls: Urls,
  linked: Map<number, LinkedInfo>,
): Record<string, unknown[]> {
  const byProp = new Map<number, unknown[]>()
  for (const pid of templateProps) byProp.set(pid, [])
  for (const v of values) {
    const json = valueJson(v, catalog, urls, linked)
    if (!json) continue
    if (!byProp.has(v.propertyId)) byProp.set(v.propertyId, [])
    byProp.get(v.propertyId)!.push(json)
  }
  const out: Record<string, unknown[]> = {}
  for (const [pid, list] of byProp) {
    const term = catalog.property(pid)?.term
    if (term && list.length > 0) out[term] = list
  }
  return out
}
