import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core'

export const sites = sqliteTable('site', {
  id: integer('id').primaryKey(),
  ownerId: integer('owner_id'),
  slug: text('slug').notNull().unique(),
  theme: text('theme').notNull(),
  title: text('title').notNull(),
  summary: text('summary'),
  thumbnailId: integer('thumbnail_id'),
  /** JSON, as served. */
  navigation: text('navigation').notNull().default('[]'),
  homepageId: integer('homepage_id'),
  /** JSON, as served. */
  itemPool: text('item_pool').notNull().default('[]'),
  created: text('created').notNull(),
  modified: text('modified'),
  isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(true),
  assignNewItems: integer('assign_new_items', { mode: 'boolean' }).notNull().default(false),
})

export const sitePermissions = sqliteTable(
  'site_permission',
  {
    id: integer('id').primaryKey(),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull(),
    role: text('role').notNull(),
  },
  (t) => [index('site_permission_site').on(t.siteId)],
)

export const siteItemSets = sqliteTable(
  'site_item_set',
  {
    id: integer('id').primaryKey(),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    itemSetId: integer('item_set_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [index('site_item_set_site').on(t.siteId)],
)

export const sitePages = sqliteTable(
  'site_page',
  {
    id: integer('id').primaryKey(),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(true),
    layout: text('layout'),
    /** JSON, as served. */
    layoutData: text('layout_data'),
    created: text('created').notNull(),
    modified: text('modified'),
  },
  (t) => [index('site_page_site').on(t.siteId)],
)

export const sitePageBlocks = sqliteTable(
  'site_page_block',
  {
    id: integer('id').primaryKey(),
    pageId: integer('page_id')
      .notNull()
      .references(() => sitePages.id, { onDelete: 'cascade' }),
    layout: text('layout').notNull(),
    data: text('data').notNull(),
    layoutData: text('layout_data'),
    position: integer('position').notNull(),
  },
  (t) => [index('site_page_block_page').on(t.pageId)],
)

export const siteBlockAttachments = sqliteTable(
  'site_block_attachment',
  {
    id: integer('id').primaryKey(),
    blockId: integer('block_id')
      .notNull()
      .references(() => sitePageBlocks.id, { onDelete: 'cascade' }),
    itemId: integer('item_id'),
    mediaId: integer('media_id'),
    caption: text('caption').notNull().default(''),
    position: integer('position').notNull(),
  },
  (t) => [index('site_block_attachment_block').on(t.blockId)],
)
