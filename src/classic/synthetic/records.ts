import type { Fixture } from '../fixtures/load.js'
import type { Random } from '../../core/synthetic/prng.js'
import * as v from '../../core/synthetic/vocabulary.js'
import { makeClock } from '../../core/synthetic/clock.js'

export { makeClock }

type ElementText = { element: { id: number }; text: string; html: boolean }
export type Texts = ElementText[]

/** Element ids by "Set:Name", from the installed schema. */
export type ElementIds = (setAndName: string) => number

const person = (r: Random) => `${r.pick(v.LAST_NAMES)}, ${r.pick(v.FIRST_NAMES)}`

function date(r: Random): string {
  const y = r.int(1850, 1999)
  const m = String(r.int(1, 12)).padStart(2, '0')
  const d = String(r.int(1, 28)).padStart(2, '0')
  return r.pick([`${y}-${m}-${d}`, `${y}`, `circa ${y}`, `${y}-${m}`])
}

function description(r: Random): { text: string; html: boolean } {
  const sentences = r.sample(v.SENTENCES, r.int(1, 3)).join(' ')
  return r.chance(0.4) ? { text: r.pick(v.HTML_SNIPPETS)(sentences), html: true } : { text: sentences, html: false }
}

/** Dublin Core values of one item: always a title and an identifier, the rest drawn. */
export function itemDublinCore(r: Random, el: ElementIds, n: number, typeName: string | null): Texts {
  const out: Texts = []
  const add = (name: string, text: string, html = false) =>
    out.push({ element: { id: el(`Dublin Core:${name}`) }, text, html })
  add('Title', `${r.pick(v.TITLE_SUBJECTS)} of ${r.pick(v.TITLE_TOPICS)}`)
  if (r.chance(0.1)) add('Title', `${r.pick(v.TITLE_SUBJECTS)} — ${r.pick(v.PLACES)}`)
  for (let i = r.chance(0.8) ? r.int(1, 2) : 0; i > 0; i--) add('Creator', person(r))
  if (r.chance(0.9)) add('Date', date(r))
  if (r.chance(0.7)) {
    const d = description(r)
    add('Description', d.text, d.html)
  }
  for (const s of r.sample(v.SUBJECTS, r.int(0, 3))) add('Subject', s)
  if (r.chance(0.4)) add('Publisher', r.pick(v.PUBLISHERS))
  if (r.chance(0.5)) add('Language', r.pick(v.LANGUAGES))
  if (r.chance(0.3)) add('Rights', r.pick(v.RIGHTS))
  if (typeName && r.chance(0.5)) add('Type', typeName)
  if (r.chance(0.3)) add('Format', r.pick(v.FORMATS))
  add('Identifier', `OT.${String(n).padStart(6, '0')}`)
  if (r.chance(0.3)) add('Coverage', r.pick(v.PLACES))
  if (r.chance(0.15)) add('Contributor', person(r))
  return out
}

/** A plausible value for an Item Type Metadata element, by its name. */
function typeValue(r: Random, name: string): string {
  switch (name) {
    case 'Duration':
      return `00:${String(r.int(0, 59)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`
    case 'Bit Rate/Frequency':
      return r.pick(['128 kbps', '44.1 kHz', '256 kbps'])
    case 'Physical Dimensions':
      return `${r.int(5, 60)} x ${r.int(5, 60)} cm`
    case 'URL':
    case 'Local URL':
      return `https://example.org/${r.hex(4)}`
    case 'Birth Date':
    case 'Death Date':
      return date(r)
    case 'Birthplace':
    case 'Location':
      return r.pick(v.PLACES)
    case 'Interviewer':
    case 'Interviewee':
    case 'Producer':
    case 'Director':
    case 'From':
    case 'To':
      return person(r)
    case 'Number of Attachments':
      return String(r.int(0, 5))
    default:
      return r.sample(v.SENTENCES, r.int(1, 2)).join(' ')
  }
}

/** Values for some of an item type's own elements (Item Type Metadata). */
export function itemTypeTexts(r: Random, elements: { id: number; name: string }[]): Texts {
  return elements
    .filter(() => r.chance(0.6))
    .map((e) => ({ element: { id: e.id }, text: typeValue(r, e.name), html: false }))
}

/** The tag pool: words alone and with qualifiers, each name once, in a fixed order. */
export function tagPool(): Fixture['tags'] {
  const names = new Set<string>()
  for (const q of v.TAG_QUALIFIERS) for (const w of v.TAG_WORDS) names.add(q ? `${w} (${q})` : w)
  return [...names].map((name, i) => ({ id: i + 1, name }))
}

/** A collection's Dublin Core: title, description, sometimes a creator. */
export function collectionTexts(r: Random, el: ElementIds, n: number): Texts {
  const out: Texts = [
    { element: { id: el('Dublin Core:Title') }, text: `${r.pick(v.SUBJECTS)} collection ${n}`, html: false },
  ]
  const d = description(r)
  out.push({ element: { id: el('Dublin Core:Description') }, text: d.text, html: d.html })
  if (r.chance(0.5)) out.push({ element: { id: el('Dublin Core:Creator') }, text: person(r), html: false })
  return out
}

/** Owners and their roles; every user gets a seed-derived 40-hex API key. */
export function users(r: Random): { users: Fixture['users']; keys: Fixture['keys'] } {
  const list = [
    { username: 'admin', name: 'Site Administrator', role: 'super' },
    { username: 'editor', name: 'Édith Moreau', role: 'admin' },
    { username: 'kenji', name: '渡辺 健二', role: 'contributor' },
    { username: 'zoe', name: 'Zoë Ångström', role: 'contributor' },
    { username: 'reader', name: 'Rahul Iyer', role: 'researcher' },
  ]
  const users = list.map((u, i) => ({ id: i + 1, ...u, active: true, email: `${u.username}@example.org` }))
  return { users, keys: users.map((u) => ({ user_id: u.id, key: r.hex(20) })) }
}

/** Draws an owner: mostly the super user and the two contributors, sometimes the admin. */
export function owner(r: Random): number {
  const x = r.next()
  return x < 0.45 ? 1 : x < 0.6 ? 2 : x < 0.8 ? 3 : 4
}
