import { sqliteTable, integer, text, real, index, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import { items, files } from './records.js'

// Tables of the Omeka Classic plugins omeka-twin imitates (Geolocation 3.2.3, ExhibitBuilder 3.10.1).
// Foreign keys cascade where the plugins delete dependants themselves (an item's location and its
// exhibit attachments go with the item), so nothing can point at a record that no longer exists.

/** Which plugins are active, as Omeka's `plugins` table records it; survives restarts. */
export const plugins = sqliteTable('plugins', {
  name: text('name').primaryKey(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
})

/** Geolocation's `locations`: at most one per item. */
export const locations = sqliteTable(
  'locations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    latitude: real('latitude').notNull(),
    longitude: real('longitude').notNull(),
    zoomLevel: integer('zoom_level').notNull(),
    mapType: text('map_type').notNull().default(''),
    address: text('address').notNull().default(''),
  },
  (t) => [uniqueIndex('locations_item').on(t.itemId)],
)

/** ExhibitBuilder's `exhibits` (tags live in records_tags with record_type 'Exhibit'). */
export const exhibits = sqliteTable(
  'exhibits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull().default(''),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    credits: text('credits').notNull().default(''),
    featured: integer('featured', { mode: 'boolean' }).notNull().default(false),
    public: integer('public', { mode: 'boolean' }).notNull().default(false),
    theme: text('theme'),
    themeOptions: text('theme_options'),
    useSummaryPage: integer('use_summary_page', { mode: 'boolean' }).notNull().default(true),
    coverImageFileId: integer('cover_image_file_id'),
    added: text('added').notNull(),
    modified: text('modified').notNull(),
    ownerId: integer('owner_id'),
  },
  (t) => [uniqueIndex('exhibits_slug').on(t.slug), index('exhibits_public').on(t.public)],
)

export const exhibitPages = sqliteTable(
  'exhibit_pages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    exhibitId: integer('exhibit_id')
      .notNull()
      .references(() => exhibits.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id').references((): AnySQLiteColumn => exhibitPages.id, { onDelete: 'cascade' }),
    title: text('title').notNull().default(''),
    shortTitle: text('short_title'),
    slug: text('slug').notNull(),
    order: integer('order').notNull().default(0),
  },
  (t) => [index('exhibit_pages_exhibit').on(t.exhibitId, t.parentId, t.order)],
)

export const exhibitPageBlocks = sqliteTable(
  'exhibit_page_blocks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pageId: integer('page_id')
      .notNull()
      .references(() => exhibitPages.id, { onDelete: 'cascade' }),
    layout: text('layout').notNull(),
    // The JSON text ExhibitBuilder stores (NULL for text blocks), served decoded.
    options: text('options'),
    text: text('text'),
    order: integer('order').notNull().default(0),
  },
  (t) => [index('exhibit_page_blocks_page').on(t.pageId, t.order)],
)

export const exhibitBlockAttachments = sqliteTable(
  'exhibit_block_attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    blockId: integer('block_id')
      .notNull()
      .references(() => exhibitPageBlocks.id, { onDelete: 'cascade' }),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    fileId: integer('file_id').references(() => files.id, { onDelete: 'set null' }),
    caption: text('caption'),
    order: integer('order').notNull().default(0),
  },
  (t) => [
    index('exhibit_block_attachments_block').on(t.blockId, t.order),
    index('exhibit_block_attachments_item').on(t.itemId),
  ],
)
