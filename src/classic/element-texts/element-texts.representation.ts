import type { Urls } from '../../http/urls.js'
import type { ElementTextRow } from './element-texts.repo.js'

/**
 * The `element_texts` array of a Classic record. With `api_filter_element_texts` on, Omeka drops
 * the `html` key and serves the texts grouped by element (first appearance order).
 */
export function toElementTextsJson(rows: readonly ElementTextRow[], urls: Urls, filtered: boolean): unknown[] {
  const ordered = filtered ? groupByElement(rows) : rows
  return ordered.map((r) => {
    const elementSet = { id: r.elementSetId, url: urls.api('element_sets', r.elementSetId), name: r.elementSetName, resource: 'element_sets' }
    const element = { id: r.elementId, url: urls.api('elements', r.elementId), name: r.elementName, resource: 'elements' }
    return filtered ? { text: r.text, element_set: elementSet, element } : { html: r.html, text: r.text, element_set: elementSet, element }
  })
}

function groupByElement(rows: readonly ElementTextRow[]): ElementTextRow[] {
  const groups = new Map<number, ElementTextRow[]>()
  for (const r of rows) {
    const g = groups.get(r.elementId) ?? []
    g.push(r)
    groups.set(r.elementId, g)
  }
  return [...groups.values()].flat()
}
