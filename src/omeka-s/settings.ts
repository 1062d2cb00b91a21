import * as z from 'zod'
import { prepared, type Db } from './db/client.js'

/** The global settings that change API responses (conformance/s/CONTRACT.md). */
export const globalSettingsSchema = z
  .object({
    pagination_per_page: z.number().int().min(1),
    disable_jsonld_reverse: z.boolean(),
    use_htmlpurifier: z.boolean(),
    disable_file_validation: z.boolean(),
    media_type_whitelist: z.array(z.string()),
    extension_whitelist: z.array(z.string()),
  })
  .strict()
export type Settings = z.infer<typeof globalSettingsSchema>

export const DEFAULT_S_SETTINGS: Settings = {
  pagination_per_page: 25,
  disable_jsonld_reverse: false,
  use_htmlpurifier: true,
  disable_file_validation: false,
  media_type_whitelist: [],
  extension_whitelist: [],
}

/** Installation facts (fixture site.json). */
export const siteSchema = z.object({
  version: z.string().default('4.2.0'),
  installation_title: z.string().default('Omeka S'),
  time_zone: z.string().default('UTC'),
  locale: z.string().default(''),
  administrator_email: z.string().default(''),
})
export type Site = z.infer<typeof siteSchema>

/** Reads the settings stored in the `setting` table (defaults for what is missing). */
export function readSettings(db: Db): Settings {
  const row = prepared<{ value: string }>(db, "SELECT value FROM setting WHERE id = 'api_settings'").get()
  return row ? { ...DEFAULT_S_SETTINGS, ...(JSON.parse(row.value) as Partial<Settings>) } : DEFAULT_S_SETTINGS
}

/** Replaces the stored settings. */
export function writeSettings(db: Db, value: Settings): void {
  prepared(
    db,
    "INSERT INTO setting (id, value) VALUES ('api_settings', ?) ON CONFLICT(id) DO UPDATE SET value = excluded.value",
  ).run(JSON.stringify(value))
}

/** Reads the installation facts. */
export function readSite(db: Db): Site {
  const row = prepared<{ value: string }>(db, "SELECT value FROM setting WHERE id = 'site'").get()
  return siteSchema.parse(row ? JSON.parse(row.value) : {})
}
