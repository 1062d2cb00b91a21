import { makeClock } from '../../core/synthetic/clock.js'
import { createRandom, type Random } from '../../core/synthetic/prng.js'
import type { Deps } from '../deps.js'
import type { Fixture } from '../fixtures/read.js'
import { replaceData } from '../fixtures/load.js'
import { installFixture, makeApiKey } from '../install/install.js'
import {
  itemRecord,
  itemSetRecord,
  sitePageRecord,
  siteRecord,
  termIds,
  uploadMediaRecord,
  WELCOME_BLOCKS,
  userRecord,
  type TermIds,
} from '../install/records.js'
import { ITEM_CLASSES, itemSetValues, itemValues } from './values.js'
import type { SeedOptions } from './synthetic.schemas.js'
import { imagePool, writeSeedFiles, type PlacedFile, type PoolImage } from './images.js'

/** What a seed produced; the keys are what a test client needs to talk to the site. */
export interface SeedSummary {
  seed: number
  items: number
  item_sets: number
  media: number
  sites: number
  users: { id: number; name: string; role: string; key_identity: string; key_credential: string }[]
}

/** One user per Omeka S role (global admin first: export and the first key use it). */
const USERS = [
  { name: 'Admin', role: 'global_admin' },
  { name: 'Sam Siteadmin', role: 'site_admin' },
  { name: 'Édith Moreau', role: 'editor' },
  { name: 'Rita Reviewer', role: 'reviewer' },
  { name: '渡辺 健二', role: 'author' },
  { name: 'Rahul Iyer', role: 'researcher' },
] as const

/** Owners of created resources: mostly the admin and the author, sometimes the editor. */
const owner = (r: Random): number => r.pick([1, 1, 3, 5, 5])

function addUsers(r: Random, fx: Fixture, created: string): SeedSummary['users'] {
  return USERS.map((u, i) => {
    const id = i + 1
    const key = makeApiKey((n) => r.int(0, n - 1))
    fx.records.users.push(
      userRecord({ id, name: u.name, email: `${u.role.replace('_', '-')}@example.org`, role: u.role, created }),
    )
    fx.keys.push({ user_id: id, key_identity: key.identity, key_credential: key.credential, label: 'seed' })
    return { id, name: u.name, role: u.role, key_identity: key.identity, key_credential: key.credential }
  })
}

interface Layout {
  sets: number
  firstItem: number
  firstMedia: number
  /** The item each media belongs to, by media index. */
  mediaItem: (i: number) => number
}

function layout(o: SeedOptions): Layout {
  const firstItem = o.item_sets + 1
  return {
    sets: o.item_sets,
    firstItem,
    firstMedia: firstItem + o.items,
    mediaItem: (i) => firstItem + Math.floor((i * o.items) / o.files),
  }
}

function addItems(r: Random, t: TermIds, fx: Fixture, o: SeedOptions, at: Layout): void {
  const clock = makeClock(r, o.seed)
  for (let n = 1; n <= o.item_sets; n++) {
    const { added, modified } = clock.tick()
    fx.records.item_sets.push(
      itemSetRecord(t, {
        id: n,
        owner: owner(r),
        isPublic: !r.chance(o.private_ratio),
        isOpen: r.chance(0.7),
        resourceClass: 'dctype:Collection',
        created: added,
        modified,
        values: itemSetValues(r, n),
      }),
    )
  }
  const mediaOf = new Map<number, number[]>()
  for (let i = 0; i < o.files; i++)
    mediaOf.set(at.mediaItem(i), [...(mediaOf.get(at.mediaItem(i)) ?? []), at.firstMedia + i])
  for (let n = 1; n <= o.items; n++) {
    const id = at.firstItem + n - 1
    const { added, modified } = clock.tick()
    const itemSets =
      at.sets && r.chance(0.85)
        ? r.sample(
            Array.from({ length: at.sets }, (_, k) => k + 1),
            r.chance(0.1) ? 2 : 1,
          )
        : []
    fx.records.items.push(
      itemRecord(t, {
        id,
        owner: owner(r),
        isPublic: !r.chance(o.private_ratio),
        resourceClass: r.pick(ITEM_CLASSES),
        created: added,
        modified,
        values: itemValues(r, n, n > 1 ? id - r.int(1, n - 1) : null),
        itemSets,
        sites: r.chance(0.8) ? [1] : [],
        media: mediaOf.get(id) ?? [],
      }),
    )
  }
}

/** Media `i` shows pool image `i % pool.length`; every media has its own storage id, original and thumbnails. */
function addMedia(
  r: Random,
  t: TermIds,
  fx: Fixture,
  o: SeedOptions,
  at: Layout,
  pool: readonly PoolImage[],
): PlacedFile[] {
  const items = new Map(fx.records.items.map((i) => [i['o:id'], i]))
  return Array.from({ length: o.files }, (_, i) => {
    const p = pool[i % pool.length]!
    const item = items.get(at.mediaItem(i))!
    const storageId = r.hex(20)
    const created = (item['o:created'] as { '@value': string })['@value']
    const values = r.chance(0.5) ? [{ term: 'dcterms:title', type: 'literal' as const, value: `Image ${i + 1}` }] : []
    fx.records.media.push(
      uploadMediaRecord(t, {
        id: at.firstMedia + i,
        owner: (item['o:owner'] as { 'o:id': number })['o:id'],
        isPublic: !r.chance(o.private_ratio / 2),
        created,
        modified: created,
        values,
        item: item['o:id'],
        source: p.image.originalFilename,
        mediaType: p.image.mimeType,
        storageId,
        extension: p.extension,
        sha256: p.sha256,
        size: p.image.bytes.length,
        thumbnails: true,
      }),
    )
    return { storageId, pool: i % pool.length }
  })
}

function addSites(fx: Fixture, o: SeedOptions, created: string): void {
  const sets = Array.from({ length: o.item_sets }, (_, k) => k + 1)
  fx.records.sites.push(
    siteRecord({
      id: 1,
      owner: 1,
      slug: 'synthetic',
      title: `Synthetic exhibit (seed ${o.seed})`,
      summary: 'Generated by omeka-twin seed.',
      isPublic: true,
      created,
      itemPool: [],
      itemSets: sets,
      permissions: [
        { user: 1, role: 'admin' },
        { user: 2, role: 'admin' },
        { user: 3, role: 'editor' },
        { user: 6, role: 'viewer' },
      ],
    }),
    siteRecord({
      id: 2,
      owner: 3,
      slug: 'staff',
      title: 'Staff workspace',
      summary: null,
      isPublic: false,
      created,
      itemPool: [],
      itemSets: [],
      permissions: [{ user: 3, role: 'admin' }],
    }),
  )
  fx.records.site_pages.push(
    sitePageRecord({
      id: 1,
      site: 1,
      slug: 'welcome',
      title: 'Welcome',
      isPublic: true,
      created,
      blocks: WELCOME_BLOCKS,
    }),
    sitePageRecord({
      id: 2,
      site: 2,
      slug: 'welcome',
      title: 'Welcome',
      isPublic: true,
      created,
      blocks: WELCOME_BLOCKS,
    }),
  )
}

/** The whole synthetic S site as a fixture (a fresh install plus generated records), its images and where they go. */
export async function generateSite(
  o: SeedOptions,
): Promise<{ fx: Fixture; pool: PoolImage[]; placed: PlacedFile[]; summary: SeedSummary }> {
  const r = createRandom(o.seed)
  const fx = installFixture()
  const t = termIds(fx)
  const installed = makeClock(r, o.seed).tick().added
  const users = addUsers(r, fx, installed)
  fx.site = {
    ...fx.site,
    installation_title: `Synthetic site (seed ${o.seed})`,
    administrator_email: 'global-admin@example.org',
  }
  const at = layout(o)
  addItems(r, t, fx, o, at)
  const pool = await imagePool(r, o.files)
  const placed = addMedia(r, t, fx, o, at, pool)
  addSites(fx, o, installed)
  const summary = { seed: o.seed, items: o.items, item_sets: o.item_sets, media: placed.length, sites: 2, users }
  return { fx, pool, placed, summary }
}

/** Replaces all S data with a synthetic site: generated first (nothing changes on error), inserted in one transaction, files after. */
export async function seedSite(deps: Deps, o: SeedOptions): Promise<SeedSummary> {
  const { fx, pool, placed, summary } = await generateSite(o)
  replaceData(deps, fx, (files) => writeSeedFiles(files, pool, placed))
  return summary
}
