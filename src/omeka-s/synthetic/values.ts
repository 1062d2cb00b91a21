import type { Random } from '../../core/synthetic/prng.js'
import * as v from '../../core/synthetic/vocabulary.js'
import type { Value } from '../install/records.js'

// Drawn Dublin Core values for synthetic Omeka S resources (the word lists are the Classic seed's).

const lit = (term: string, value: string, lang?: string): Value =>
  lang ? { term, type: 'literal', value, lang } : { term, type: 'literal', value }
const person = (r: Random) => `${r.pick(v.LAST_NAMES)}, ${r.pick(v.FIRST_NAMES)}`

function date(r: Random): string {
  const y = r.int(1850, 1999)
  const m = String(r.int(1, 12)).padStart(2, '0')
  return r.pick([`${y}-${m}-${String(r.int(1, 28)).padStart(2, '0')}`, `${y}`, `circa ${y}`, `${y}-${m}`])
}

/** Item classes drawn for items (null: no class). */
export const ITEM_CLASSES = [
  'dctype:Text',
  'dctype:StillImage',
  'dctype:PhysicalObject',
  'bibo:Letter',
  'bibo:Book',
  'bibo:Map',
  null,
] as const

/** The values of item `n`: always a title and an identifier; `earlier` is an item id it may relate to. */
export function itemValues(r: Random, n: number, earlier: number | null): Value[] {
  const out: Value[] = [lit('dcterms:title', `${r.pick(v.TITLE_SUBJECTS)} of ${r.pick(v.TITLE_TOPICS)}`)]
  if (r.chance(0.1)) out.push(lit('dcterms:title', `${r.pick(v.TITLE_SUBJECTS)} — ${r.pick(v.PLACES)}`))
  for (let i = r.chance(0.8) ? r.int(1, 2) : 0; i > 0; i--) out.push(lit('dcterms:creator', person(r)))
  if (r.chance(0.9)) out.push(lit('dcterms:date', date(r)))
  if (r.chance(0.7)) out.push(lit('dcterms:description', r.sample(v.SENTENCES, r.int(1, 3)).join(' '), 'en'))
  for (const s of r.sample(v.SUBJECTS, r.int(0, 3))) out.push(lit('dcterms:subject', s))
  if (r.chance(0.2))
    out.push({
      term: 'dcterms:subject',
      type: 'uri',
      uri: `http://id.loc.gov/authorities/subjects/sh${r.int(85000000, 85999999)}`,
      label: r.pick(v.SUBJECTS),
    })
  if (r.chance(0.4)) out.push(lit('dcterms:publisher', r.pick(v.PUBLISHERS)))
  if (r.chance(0.5)) out.push(lit('dcterms:language', r.pick(v.LANGUAGES)))
  if (r.chance(0.3)) out.push(lit('dcterms:rights', r.pick(v.RIGHTS)))
  out.push(lit('dcterms:identifier', `OT.${String(n).padStart(6, '0')}`))
  if (r.chance(0.3)) out.push(lit('dcterms:spatial', r.pick(v.PLACES)))
  if (earlier !== null && r.chance(0.1)) out.push({ term: 'dcterms:relation', type: 'resource', id: earlier })
  if (r.chance(0.05))
    out.push({ term: 'dcterms:provenance', type: 'literal', value: `Acquired ${r.int(1950, 2020)}`, isPublic: false })
  return out
}

/** The values of item set `n`. */
export function itemSetValues(r: Random, n: number): Value[] {
  const out = [lit('dcterms:title', `${r.pick(v.TITLE_SUBJECTS)}s, ${r.pick(v.PLACES)} (set ${n})`)]
  if (r.chance(0.8)) out.push(lit('dcterms:description', r.sample(v.SENTENCES, r.int(1, 2)).join(' '), 'en'))
  return out
}
