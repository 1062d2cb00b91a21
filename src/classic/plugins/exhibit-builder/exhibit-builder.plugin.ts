import type { Db } from '../../db/client.js'
import { FixtureError, type Fixture } from '../../fixtures/load.js'
import { isoToStored, Where } from '../../shared.js'
import type { Plugin } from '../plugin.js'
import { check, parsePluginFile, setNextId } from '../plugin-fixtures.js'
import { exhibitsResource } from './exhibits/exhibits.routes.js'
import { insertExhibit, setExhibitTags, exhibitVisibility } from './exhibits/exhibits.repo.js'
import { exhibitJsonSchema, type ExhibitJson } from './exhibits/exhibits.schemas.js'
import { exhibitPagesResource } from './exhibit-pages/exhibit-pages.routes.js'
import {
  countPages,
  insertAttachment,
  insertBlock,
  insertPage,
  pagesWithItem,
} from './exhibit-pages/exhibit-pages.repo.js'
import { toItemPagesRef } from './exhibit-pages/exhibit-pages.representation.js'
import { encodeOptions, pageJsonSchema, parentsFirst, type PageJson } from './exhibit-pages/exhibit-pages.schemas.js'

interface ExhibitData {
  exhibits: ExhibitJson[]
  pages: PageJson[]
}

function checkExhibits(fx: Fixture, exhibits: ExhibitJson[]): void {
  const tags = new Set(fx.tags.map((t) => t.id))
  const users = new Set(fx.users.map((u) => u.id))
  const slugs = new Set<string>()
  for (const e of exhibits) {
    const at = `exhibits.json: record id ${e.id}`
    check(!slugs.has(e.slug), `${at}: slug "${e.slug}" is used twice`)
    slugs.add(e.slug)
    check(e.owner === null || users.has(e.owner.id), `${at}: owner ${e.owner?.id} is not in users.json`)
    for (const t of e.tags) check(tags.has(t.id), `${at}: tag ${t.id} is not in tags.json`)
  }
}

function checkPages(fx: Fixture, exhibits: ExhibitJson[], pages: PageJson[]): void {
  const exhibitIds = new Set(exhibits.map((e) => e.id))
  const byId = new Map(pages.map((p) => [p.id, p]))
  const items = new Set(fx.items.map((i) => i.id))
  const fileItem = new Map(fx.files.map((f) => [f.id, f.item.id]))
  const blocks = new Set<number>()
  const attachments = new Set<number>()
  for (const p of pages) {
    const at = `exhibit_pages.json: record id ${p.id}`
    check(exhibitIds.has(p.exhibit.id), `${at}: exhibit ${p.exhibit.id} is not in exhibits.json`)
    if (p.parent)
      check(
        byId.get(p.parent.id)?.exhibit.id === p.exhibit.id,
        `${at}: parent ${p.parent.id} is not a page of exhibit ${p.exhibit.id}`,
      )
    for (const b of p.page_blocks) {
      check(!blocks.has(b.id), `${at}: block id ${b.id} is used twice`)
      blocks.add(b.id)
      for (const a of b.attachments) {
        check(!attachments.has(a.id), `${at}: attachment id ${a.id} is used twice`)
        attachments.add(a.id)
        check(items.has(a.item.id), `${at}: attachment ${a.id}: item ${a.item.id} is not in items.json`)
        if (a.file)
          check(
            fileItem.get(a.file.id) === a.item.id,
            `${at}: attachment ${a.id}: file ${a.file.id} is not a file of item ${a.item.id}`,
          )
      }
    }
  }
  if (!parentsFirst(pages)) throw new FixtureError('exhibit_pages.json: pages are their own ancestors')
}

/** exhibits.json and exhibit_pages.json (always together), checked against the rest of the fixture. */
function readExhibitData(fx: Fixture): ExhibitData | undefined {
  const exhibits = parsePluginFile(fx, 'exhibits', exhibitJsonSchema)
  const pages = parsePluginFile(fx, 'exhibit_pages', pageJsonSchema)
  if (!exhibits && !pages) return undefined
  if (!exhibits || !pages)
    throw new FixtureError(
      `${exhibits ? 'exhibit_pages' : 'exhibits'}.json: missing (exhibits.json and exhibit_pages.json come together)`,
    )
  checkExhibits(fx, exhibits)
  checkPages(fx, exhibits, pages)
  return { exhibits, pages }
}

function insertExhibitData(db: Db, fx: Fixture): boolean {
  const data = readExhibitData(fx)
  if (!data) return false
  for (const e of data.exhibits) {
    const fields = {
      title: e.title,
      slug: e.slug,
      description: e.description,
      credits: e.credits,
      featured: e.featured,
      public: e.public,
      added: isoToStored(e.added)!,
      modified: isoToStored(e.modified)!,
      ownerId: e.owner?.id ?? null,
    }
    insertExhibit(db, fields, e.id)
    setExhibitTags(
      db,
      e.id,
      e.tags.map((t) => t.id),
      fields.modified,
    )
  }
  for (const p of parentsFirst(data.pages)!) {
    insertPage(
      db,
      { exhibitId: p.exhibit.id, parentId: p.parent?.id ?? null, title: p.title, slug: p.slug, order: p.order },
      p.id,
    )
    for (const b of p.page_blocks) {
      insertBlock(
        db,
        { pageId: p.id, layout: b.layout, options: encodeOptions(b.options), text: b.text, order: b.order },
        b.id,
      )
      b.attachments.forEach((a, i) =>
        insertAttachment(
          db,
          { blockId: b.id, itemId: a.item.id, fileId: a.file?.id ?? null, caption: a.caption, order: i + 1 },
          a.id,
        ),
      )
    }
  }
  setNextId(db, 'exhibits', fx.nextIds.exhibits)
  setNextId(db, 'exhibit_pages', fx.nextIds.exhibit_pages)
  setNextId(db, 'exhibit_page_blocks', fx.nextIds.exhibit_page_blocks)
  setNextId(db, 'exhibit_block_attachments', fx.nextIds.exhibit_block_attachments)
  return true
}

/** ExhibitBuilder 3.10.1: `/api/exhibits`, `/api/exhibit_pages` and an item's `extended_resources.exhibit_pages`. */
export const exhibitBuilderPlugin: Plugin = {
  name: 'exhibit-builder',
  resources: [exhibitsResource, exhibitPagesResource],
  extender(req, resource, id) {
    if (resource !== 'items') return undefined
    // Pages of exhibits the caller may see that attach the item (one entry per page).
    const where = pagesWithItem(exhibitVisibility(new Where(), req.user), id)
    const rows = req.deps.db.$client
      .prepare<unknown[], { id: number }>(
        `SELECT p.id FROM exhibit_pages p JOIN exhibits e ON e.id = p.exhibit_id ${where.sql()} LIMIT 2`,
      )
      .all(...where.args)
    const count = rows.length < 2 ? rows.length : countPages(req.deps.db, where)
    return { exhibit_pages: toItemPagesRef(id, { count, onlyId: rows.length === 1 ? rows[0]!.id : null }, req.urls) }
  },
  fixture: {
    files: ['exhibits', 'exhibit_pages'],
    counters: {
      exhibits: 'exhibits',
      exhibit_pages: 'exhibit_pages',
      exhibit_page_blocks: 'exhibit_page_blocks',
      exhibit_block_attachments: 'exhibit_block_attachments',
    },
    // Children first: the tables reference one another.
    tables: ['exhibit_block_attachments', 'exhibit_page_blocks', 'exhibit_pages', 'exhibits'],
    validate: (fx) => void readExhibitData(fx),
    insert: insertExhibitData,
  },
}
