import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core'

// Timestamps are stored as UTC 'YYYY-MM-DD HH:MM:SS' text: sortable, comparable, second precision like Omeka's.

export const collections = sqliteTable(
  'collections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    public: integer('public', { mode: 'boolean' }).notNull().default(false),
    featured: integer('featured', { mode: 'boolean' }).notNull().default(false),
    added: text('added').notNull(),
    modified: text('modified').notNull(),
    ownerId: integer('owner_id'),
  },
  (t) => [index('collections_public').on(t.public), index('collections_owner').on(t.ownerId)],
)

export const items = sqliteTable(
  'items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemTypeId: integer('item_type_id'),
    collectionId: integer('collection_id'),
    featured: integer('featured', { mode: 'boolean' }).notNull().default(false),
    public: integer('public', { mode: 'boolean' }).notNull().default(false),
    added: text('added').notNull(),
    modified: text('modified').notNull(),
    ownerId: integer('owner_id'),
  },
  (t) => [
    index('items_public').on(t.public, t.id),
    index('items_collection').on(t.collectionId),
    index('items_item_type').on(t.itemTypeId),
    index('items_owner').on(t.ownerId),
    index('items_added').on(t.added),
    index('items_modified').on(t.modified),
  ],
)

export const files = sqliteTable(
  'files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemId: integer('item_id').notNull(),
    order: integer('order'),
    filename: text('filename').notNull(),
    originalFilename: text('original_filename').notNull(),
    size: integer('size').notNull(),
    authentication: text('authentication'),
    mimeType: text('mime_type'),
    typeOs: text('type_os'),
    hasDerivativeImage: integer('has_derivative_image', { mode: 'boolean' }).notNull().default(false),
    stored: integer('stored', { mode: 'boolean' }).notNull().default(true),
    added: text('added').notNull(),
    modified: text('modified').notNull(),
    // getID3-style metadata, kept as the JSON text it was stored as (so floats round-trip exactly).
    metadata: text('metadata').notNull().default('[]'),
  },
  (t) => [index('files_item').on(t.itemId, t.order), index('files_filename').on(t.filename)],
)

/** Element texts of items, collections and files; `id` order is the stored order Omeka serves. */
export const elementTexts = sqliteTable(
  'element_texts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recordId: integer('record_id').notNull(),
    recordType: text('record_type').notNull(),
    elementId: integer('element_id').notNull(),
    html: integer('html', { mode: 'boolean' }).notNull().default(false),
    text: text('text').notNull(),
  },
  (t) => [
    index('element_texts_record').on(t.recordType, t.recordId),
    index('element_texts_element').on(t.elementId, t.recordType),
  ],
)

export const tags = sqliteTable('tags', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
})

export const recordsTags = sqliteTable(
  'records_tags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recordId: integer('record_id').notNull(),
    recordType: text('record_type').notNull(),
    tagId: integer('tag_id').notNull(),
    time: text('time').notNull(),
  },
  (t) => [
    uniqueIndex('records_tags_unique').on(t.recordType, t.recordId, t.tagId),
    index('records_tags_tag').on(t.tagId),
  ],
)
