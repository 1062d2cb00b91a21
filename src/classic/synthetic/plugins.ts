import type { Fixture } from '../fixtures/load.js'
import { createRandom, type Random } from '../../core/synthetic/prng.js'
import * as gen from './records.js'
import type { SeedOptions } from './synthetic.schemas.js'
import * as v from '../../core/synthetic/vocabulary.js'

// The plugins' data is drawn from its own stream, so adding locations or exhibits to a seed leaves
// the core records of that seed byte-identical.
const STREAM = 0x9e3779b9

const round6 = (x: number) => Math.round(x * 1e6) / 1e6

/** Geolocation's locations (geolocations.json records): about `locations_ratio` of the items, a few on the equator. */
function locations(r: Random, items: Fixture['items'], ratio: number): unknown[] {
  const located = items.filter(() => r.chance(ratio))
  return located.map((item, i) => ({
    id: i + 1,
    // Latitude 0 is a real place (Geolocation itself refuses it): keep some so importers meet it.
    latitude: r.chance(0.05) ? 0 : round6(r.next() * 130 - 60),
    longitude: round6(r.next() * 360 - 180),
    zoom_level: r.int(3, 17),
    map_type: r.pick(['', 'roadmap', 'satellite', 'hybrid', 'terrain']),
    address: r.chance(0.6) ? r.pick(v.PLACES) : '',
    item: { id: item.id },
  }))
}

const OPTIONS = {
  'file-text': (r: Random) => ({
    'file-position': r.pick(['left', 'right']),
    'file-size': r.pick(['fullsize', 'thumbnail', 'square_thumbnail']),
    'captions-position': r.pick(['center', 'left', 'right']),
  }),
  gallery: (r: Random) => ({
    'showcase-position': r.pick(['none', 'left', 'right']),
    'gallery-position': 'left',
    'gallery-file-size': 'square_thumbnail',
    'captions-position': 'center',
  }),
}

interface Counters {
  block: number
  attachment: number
}

/** A page's blocks: text, file-text or gallery, the latter two attaching items (with one of their files when they have one). */
function blocks(r: Random, items: Fixture['items'], filesOf: Map<number, number[]>, n: Counters) {
  return Array.from({ length: r.int(1, 3) }, (_, i) => {
    const layout = r.pick(['text', 'file-text', 'gallery'] as const)
    const attached = layout === 'text' || !items.length ? [] : r.sample(items, layout === 'gallery' ? r.int(2, 4) : 1)
    return {
      id: ++n.block,
      layout,
      options: layout === 'text' ? null : OPTIONS[layout](r),
      text: layout === 'gallery' && r.chance(0.3) ? null : r.pick(v.SENTENCES),
      order: i + 1,
      attachments: attached.map((item) => {
        const files = filesOf.get(item.id) ?? []
        return {
          id: ++n.attachment,
          caption: r.chance(0.7) ? r.pick(v.TITLE_TOPICS) : null,
          item: { id: item.id },
          ...(files.length && r.chance(0.8) ? { file: { id: r.pick(files) } } : {}),
        }
      }),
    }
  })
}

/** ExhibitBuilder's exhibits and pages (exhibits.json, exhibit_pages.json): one to five top pages each, some with children. */
function exhibits(r: Random, fx: Fixture, o: SeedOptions): { exhibits: unknown[]; pages: unknown[] } {
  const clock = gen.makeClock(r, o.seed)
  const filesOf = new Map<number, number[]>()
  for (const f of fx.files) filesOf.set(f.item.id, [...(filesOf.get(f.item.id) ?? []), f.id])
  const n: Counters = { block: 0, attachment: 0 }
  const pages: {
    id: number
    title: string
    slug: string
    order: number
    exhibit: { id: number }
    parent: { id: number } | null
    page_blocks: unknown[]
  }[] = []
  const page = (exhibit: number, parent: number | null, order: number) => {
    const id = pages.length + 1
    pages.push({
      id,
      title: `${r.pick(v.TITLE_SUBJECTS)} ${id}`,
      slug: `page-${id}`,
      order,
      exhibit: { id: exhibit },
      parent: parent === null ? null : { id: parent },
      page_blocks: blocks(r, fx.items, filesOf, n),
    })
    return id
  }
  const list = Array.from({ length: o.exhibits }, (_, i) => {
    const id = i + 1
    for (let top = 0, tops = r.int(1, 5); top < tops; top++) {
      const parent = page(id, null, top)
      for (let child = 0, children = r.chance(0.4) ? r.int(1, 2) : 0; child < children; child++) page(id, parent, child)
    }
    const title = `${r.pick(v.TITLE_SUBJECTS)} of ${r.pick(v.TITLE_TOPICS)}`
    return {
      id,
      title,
      slug: `exhibit-${id}`,
      description: r.pick(v.HTML_SNIPPETS)(r.pick(v.SENTENCES)),
      credits: `${r.pick(v.FIRST_NAMES)} ${r.pick(v.LAST_NAMES)}`,
      featured: r.chance(0.2),
      public: !r.chance(o.private_ratio),
      ...clock.tick(),
      owner: { id: gen.owner(r) },
      tags: r.sample(fx.tags, r.int(0, 3)).map((t) => ({ id: t.id })),
    }
  })
  return { exhibits: list, pages }
}

/**
 * The plugin files of a synthetic site, added to `fx.extra` as a fixture carries them: a plugin is
 * enabled by the seed exactly when its files are present (locations_ratio > 0, exhibits > 0).
 */
export function addPluginData(
  fx: Fixture,
  o: SeedOptions,
): { locations: number; exhibits: number; exhibitPages: number } {
  const r = createRandom((o.seed ^ STREAM) >>> 0)
  const out = { locations: 0, exhibits: 0, exhibitPages: 0 }
  if (o.locations_ratio > 0) {
    const list = locations(r, fx.items, o.locations_ratio)
    fx.extra.geolocations = list
    out.locations = list.length
  }
  if (o.exhibits > 0) {
    const data = exhibits(r, fx, o)
    fx.extra.exhibits = data.exhibits
    fx.extra.exhibit_pages = data.pages
    out.exhibits = data.exhibits.length
    out.exhibitPages = data.pages.length
  }
  return out
}
