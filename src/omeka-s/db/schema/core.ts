import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core'

// Omeka S's own data model (its Doctrine entities), in its own SQLite file and migrations folder.
// Timestamps are stored as UTC 'YYYY-MM-DDTHH:MM:SS+00:00' text (PHP format('c')): sortable and served as is.

export const users = sqliteTable('user', {
  id: integer('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  created: text('created').notNull(),
  modified: text('modified'),
  role: text('role').notNull(),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(false),
})

export const apiKeys = sqliteTable(
  'api_key',
  {
    id: text('id').primaryKey(),
    /** scrypt hash of the credential ("salt:hash" hex), never the credential itself. */
    credentialHash: text('credential_hash').notNull(),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: text('label'),
  },
  (t) => [index('api_key_owner').on(t.ownerId)],
)

export const vocabularies = sqliteTable('vocabulary', {
  id: integer('id').primaryKey(),
  ownerId: integer('owner_id'),
  namespaceUri: text('namespace_uri').notNull().unique(),
  prefix: text('prefix').notNull().unique(),
  label: text('label').notNull(),
  comment: text('comment'),
})

const member = (name: string) =>
  sqliteTable(
    name,
    {
      id: integer('id').primaryKey(),
      ownerId: integer('owner_id'),
      vocabularyId: integer('vocabulary_id')
        .notNull()
        .references(() => vocabularies.id, { onDelete: 'cascade' }),
      localName: text('local_name').notNull(),
      label: text('label').notNull(),
      comment: text('comment'),
    },
    (t) => [uniqueIndex(`${name}_vocabulary_local_name`).on(t.vocabularyId, t.localName)],
  )

export const properties = member('property')
export const resourceClasses = member('resource_class')

export const resourceTemplates = sqliteTable('resource_template', {
  id: integer('id').primaryKey(),
  ownerId: integer('owner_id'),
  resourceClassId: integer('resource_class_id'),
  titlePropertyId: integer('title_property_id'),
  descriptionPropertyId: integer('description_property_id'),
  label: text('label').notNull().unique(),
})

export const resourceTemplateProperties = sqliteTable(
  'resource_template_property',
  {
    id: integer('id').primaryKey(),
    templateId: integer('resource_template_id')
      .notNull()
      .references(() => resourceTemplates.id, { onDelete: 'cascade' }),
    propertyId: integer('property_id').notNull(),
    alternateLabel: text('alternate_label'),
    alternateComment: text('alternate_comment'),
    position: integer('position').notNull(),
    /** JSON array of data type names. */
    dataType: text('data_type').notNull().default('[]'),
    isRequired: integer('is_required', { mode: 'boolean' }).notNull().default(false),
    isPrivate: integer('is_private', { mode: 'boolean' }).notNull().default(false),
    defaultLang: text('default_lang'),
  },
  (t) => [uniqueIndex('rtp_template_property').on(t.templateId, t.propertyId)],
)

export const assets = sqliteTable('asset', {
  id: integer('id').primaryKey(),
  ownerId: integer('owner_id'),
  name: text('name').notNull(),
  mediaType: text('media_type').notNull(),
  storageId: text('storage_id').notNull().unique(),
  extension: text('extension'),
  altText: text('alt_text'),
})

export const jobs = sqliteTable('job', {
  id: integer('id').primaryKey(),
  ownerId: integer('owner_id'),
  status: text('status').notNull(),
  jobClass: text('class').notNull(),
  args: text('args'),
  started: text('started').notNull(),
  ended: text('ended'),
})

export const settings = sqliteTable('setting', {
  id: text('id').primaryKey(),
  /** JSON-encoded value. */
  value: text('value').notNull(),
})

/** Next ids per sequence ("resources" is shared by items, item sets and media); deletes never free an id. */
export const sequences = sqliteTable('sequence', {
  name: text('name').primaryKey(),
  next: integer('next').notNull(),
})

export const modules = sqliteTable('module', {
  id: text('id').primaryKey(),
  isActive: integer('is_active', { mode: 'boolean' }).notNull(),
  version: text('version').notNull(),
})
