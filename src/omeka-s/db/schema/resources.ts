import { sqliteTable, integer, text, index, primaryKey } from 'drizzle-orm/sqlite-core'

/** Items, item sets and media share this table and its id sequence (Omeka S's `resource`). */
export const resources = sqliteTable(
  'resource',
  {
    id: integer('id').primaryKey(),
    /** 'items' | 'item_sets' | 'media' */
    kind: text('resource_type').notNull(),
    ownerId: integer('owner_id'),
    resourceClassId: integer('resource_class_id'),
    resourceTemplateId: integer('resource_template_id'),
    thumbnailId: integer('thumbnail_id'),
    title: text('title'),
    isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(true),
    created: text('created').notNull(),
    modified: text('modified'),
  },
  (t) => [
    index('resource_kind').on(t.kind, t.id),
    index('resource_owner').on(t.ownerId),
    index('resource_resource_class').on(t.resourceClassId),
  ],
)

export const items = sqliteTable('item', {
  id: integer('id')
    .primaryKey()
    .references(() => resources.id, { onDelete: 'cascade' }),
  primaryMediaId: integer('primary_media_id'),
})

export const itemSets = sqliteTable('item_set', {
  id: integer('id')
    .primaryKey()
    .references(() => resources.id, { onDelete: 'cascade' }),
  isOpen: integer('is_open', { mode: 'boolean' }).notNull().default(false),
})

export const media = sqliteTable(
  'media',
  {
    id: integer('id')
      .primaryKey()
      .references(() => resources.id, { onDelete: 'cascade' }),
    itemId: integer('item_id').notNull(),
    ingester: text('ingester').notNull(),
    renderer: text('renderer').notNull(),
    /** JSON; NULL reads back as []. */
    data: text('data'),
    source: text('source'),
    mediaType: text('media_type'),
    storageId: text('storage_id'),
    extension: text('extension'),
    sha256: text('sha256'),
    size: integer('size'),
    hasOriginal: integer('has_original', { mode: 'boolean' }).notNull().default(false),
    hasThumbnails: integer('has_thumbnails', { mode: 'boolean' }).notNull().default(false),
    position: integer('position'),
    lang: text('lang'),
    altText: text('alt_text'),
  },
  (t) => [index('media_item').on(t.itemId, t.position)],
)

export const itemItemSets = sqliteTable(
  'item_item_set',
  {
    itemId: integer('item_id')
      .notNull()
      .references(() => resources.id, { onDelete: 'cascade' }),
    itemSetId: integer('item_set_id')
      .notNull()
      .references(() => resources.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.itemSetId] }), index('item_item_set_set').on(t.itemSetId)],
)

export const itemSites = sqliteTable(
  'item_site',
  {
    itemId: integer('item_id')
      .notNull()
      .references(() => resources.id, { onDelete: 'cascade' }),
    siteId: integer('site_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.siteId] }), index('item_site_site').on(t.siteId)],
)

/** Values in stored order (id): first-value order of properties and per-property order both follow it. */
export const values = sqliteTable(
  'value',
  {
    id: integer('id').primaryKey(),
    resourceId: integer('resource_id')
      .notNull()
      .references(() => resources.id, { onDelete: 'cascade' }),
    propertyId: integer('property_id').notNull(),
    valueResourceId: integer('value_resource_id'),
    type: text('type').notNull(),
    lang: text('lang'),
    value: text('value'),
    uri: text('uri'),
    isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [
    index('value_resource').on(t.resourceId, t.id),
    index('value_property').on(t.propertyId),
    index('value_target').on(t.valueResourceId),
  ],
)
