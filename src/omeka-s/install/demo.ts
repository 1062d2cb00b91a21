import type { Fixture } from '../fixtures/read.js'
import type { StoredFile } from '../fixtures/load.js'
import { sha256 } from './install.js'
import {
  itemRecord,
  itemSetRecord,
  sitePageRecord,
  siteRecord,
  termIds,
  uploadMediaRecord,
  WELCOME_BLOCKS,
  type Value,
} from './records.js'

const lit = (term: string, value: string, lang?: string): Value =>
  lang ? { term, type: 'literal', value, lang } : { term, type: 'literal', value }

/** A small PNG (a blue-to-sand gradient) so the demo has a real upload with thumbnails. */
async function demoImage(): Promise<Buffer> {
  const width = 320
  const height = 200
  const raw = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      raw.set([40 + (x * 180) / width, 90 + (y * 100) / height, 160 - (y * 60) / height], (y * width + x) * 3)
  // Loaded here, on a first start only: an S server that opens an existing data dir never needs libvips.
  const { default: sharp } = await import('sharp')
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer()
}

/**
 * Adds the first-start demo data to an installed fixture owned by user 1: an item set, three items with
 * Dublin Core values (one private, one linking another), an uploaded image, and a site with its Welcome page.
 */
export async function addDemoData(fx: Fixture, now: string, storageId: string): Promise<StoredFile[]> {
  const t = termIds(fx)
  const base = { owner: 1, created: now, modified: now }
  const bytes = await demoImage()
  fx.records.item_sets.push(
    itemSetRecord(t, {
      ...base,
      id: 1,
      isPublic: true,
      isOpen: true,
      resourceClass: 'dctype:Collection',
      values: [
        lit('dcterms:title', 'Harbour collection'),
        lit('dcterms:description', 'Letters, logs and pictures of the old harbour.', 'en'),
      ],
    }),
  )
  fx.records.items.push(
    itemRecord(t, {
      ...base,
      id: 2,
      isPublic: true,
      resourceClass: 'dctype:StillImage',
      itemSets: [1],
      sites: [1],
      media: [5],
      values: [
        lit('dcterms:title', 'View of the harbour'),
        lit('dcterms:creator', 'Unknown photographer'),
        lit('dcterms:date', '1902'),
        lit('dcterms:description', 'The harbour at low tide, seen from the lighthouse.', 'en'),
        lit('dcterms:subject', 'Harbors'),
        {
          term: 'dcterms:subject',
          type: 'uri',
          uri: 'http://id.loc.gov/authorities/subjects/sh85058989',
          label: 'Harbors',
        },
        lit('dcterms:rights', 'Public domain'),
      ],
    }),
    itemRecord(t, {
      ...base,
      id: 3,
      isPublic: true,
      resourceClass: 'dctype:Text',
      itemSets: [1],
      sites: [1],
      media: [],
      values: [
        lit('dcterms:title', 'Letter to Mary'),
        lit('dcterms:creator', 'John Smith'),
        lit('dcterms:date', '1875-03-02'),
        lit('dcterms:description', 'A letter about the new harbour wall.', 'en'),
        lit('dcterms:language', 'en'),
        { term: 'dcterms:relation', type: 'resource', id: 2 },
        { term: 'dcterms:provenance', type: 'literal', value: 'Family papers', isPublic: false },
      ],
    }),
    itemRecord(t, {
      ...base,
      id: 4,
      isPublic: false,
      resourceClass: 'dctype:Text',
      itemSets: [1],
      sites: [],
      media: [],
      values: [
        lit('dcterms:title', "Harbour master's log, 1881"),
        lit('dcterms:creator', 'Harbour office'),
        lit('dcterms:date', '1881'),
      ],
    }),
  )
  fx.records.media.push(
    uploadMediaRecord(t, {
      ...base,
      id: 5,
      isPublic: true,
      item: 2,
      source: 'harbour.png',
      mediaType: 'image/png',
      storageId,
      extension: 'png',
      sha256: sha256(bytes),
      size: bytes.length,
      thumbnails: true,
      values: [lit('dcterms:title', 'Harbour, glass plate')],
    }),
  )
  fx.records.sites.push(
    siteRecord({
      id: 1,
      owner: 1,
      slug: 'demo',
      title: 'Demo site',
      summary: 'The harbour collection online.',
      isPublic: true,
      created: now,
      itemPool: { item_set_id: ['1'] },
      itemSets: [1],
      permissions: [{ user: 1, role: 'admin' }],
    }),
  )
  fx.records.site_pages.push(
    sitePageRecord({
      id: 1,
      site: 1,
      slug: 'welcome',
      title: 'Welcome',
      isPublic: true,
      created: now,
      blocks: WELCOME_BLOCKS,
    }),
  )
  return [{ kind: 'original', name: `${storageId}.png`, bytes }]
}
