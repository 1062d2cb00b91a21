import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core'

export const elementSets = sqliteTable('element_sets', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  recordType: text('record_type'),
  name: text('name').notNull().unique(),
  description: text('description'),
})

export const elements = sqliteTable(
  'elements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    elementSetId: integer('element_set_id').notNull(),
    order: integer('order'),
    name: text('name').notNull(),
    description: text('description'),
    comment: text('comment'),
  },
  (t) => [
    uniqueIndex('elements_set_name').on(t.elementSetId, t.name),
    index('elements_order').on(t.elementSetId, t.order),
  ],
)

export const itemTypes = sqliteTable('item_types', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  description: text('description'),
})

export const itemTypesElements = sqliteTable(
  'item_types_elements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    itemTypeId: integer('item_type_id').notNull(),
    elementId: integer('element_id').notNull(),
    order: integer('order'),
  },
  (t) => [
    uniqueIndex('item_types_elements_pair').on(t.itemTypeId, t.elementId),
    index('item_types_elements_element').on(t.elementId),
  ],
)
