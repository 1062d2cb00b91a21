import { sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** Omeka's `options` table: site information and API settings, values JSON-encoded. */
export const options = sqliteTable('options', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
})
