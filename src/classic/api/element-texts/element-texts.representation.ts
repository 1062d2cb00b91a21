import type { Urls } from '../../../core/http/urls.js'
import type { ElementTextRow } from './element-texts.repo.js'

interface ElementSetRef {
  id: number
  url: string
  name: string
  resource: 'element_sets'
}

interface ElementRef {
  id: number
  url: string
  name: string
  resource: 'elements'
}

/** The `element_set` and `element` references of one element, in a request's URLs. */
export interface ElementRefPair {
  elementSet: ElementSetRef
  element: ElementRef
}

/** Memo of the references of each element, for one request (one origin). */
export type ElementRefs = (row: ElementTextRow) => ElementRefPair

/**
 * A page of 50 items has ~400 texts but a dozen distinct elements: each element's two references
 * (and their URLs) are built once per request and shared by every text that names it.
 */
export function elementRefs(urls: Urls): ElementRefs {
  const built = new Map<number, ElementRefPair>()
  return (r) => {
    let pair = built.get(r.elementId)
    if (!pair) {
      pair = {
        elementSet: {
          id: r.elementSetId,
          url: urls.api('element_sets', r.elementSetId),
          name: r.elementSetName,
          resource: 'element_sets',
        },
        element: { id: r.elementId, url: urls.api('elements', r.elementId), name: r.elementName, resource: 'elements' },
      }
      built.set(r.elementId, pair)
    }
    return pair
  }
}

/**
 * The `element_texts` array of a Classic record. With `api_filter_element_texts` on, Omeka drops
 * the `html` key and serves the texts grouped by element (first appearance order).
 */
export function toElementTextsJson(rows: readonly ElementTextRow[], refs: ElementRefs, filtered: boolean): unknown[] {
  const ordered = filtered ? groupByElement(rows) : rows
  return ordered.map((r) => {
    const { elementSet, element } = refs(r)
    return filtered
      ? { text: r.text, element_set: elementSet, element }
      : { html: r.html, text: r.text, element_set: elementSet, element }
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
