import * as z from 'zod'
import { eq } from 'drizzle-orm'
import type { Db } from './db/client.js'
import { options } from './db/schema/index.js'

/** The API options of Omeka Classic that omeka-twin honours (the keys of a fixture's settings.json). */
export const apiSettingsSchema = z
  .object({
    api_enable: z.boolean(),
    api_per_page: z.number().int().min(1).max(100000),
    api_filter_element_texts: z.boolean(),
    tag_delimiter: z.string().min(1),
  })
  .strict()
export type ApiSettings = z.infer<typeof apiSettingsSchema>

export const DEFAULT_SETTINGS: ApiSettings = {
  api_enable: true,
  api_per_page: 50,
  api_filter_element_texts: false,
  tag_delimiter: ',',
}

/** `/api/site`'s data. `omeka_url` is not stored: it is always the origin the site is served from. */
export const siteInfoSchema = z.object({
  omeka_version: z.string().default('3.2.1'),
  title: z.string(),
  description: z.string(),
  author: z.string(),
  copyright: z.string(),
})
export type SiteInfo = z.infer<typeof siteInfoSchema>

export const DEFAULT_SITE: SiteInfo = {
  omeka_version: '3.2.1',
  title: 'omeka-twin',
  description: 'An Omeka-compatible site served by omeka-twin.',
  author: '',
  copyright: '',
}

/** Reads and writes the options table; callers keep no copies, so a reset is seen at once. */
export class OptionsStore {
  private cache = new Map<string, unknown>()

  constructor(private readonly db: Db) {}

  get<T>(name: string, fallback: T): T {
    if (this.cache.has(name)) return this.cache.get(name) as T
    const row = this.db.select().from(options).where(eq(options.name, name)).get()
    const value = row ? (JSON.parse(row.value) as T) : fallback
    this.cache.set(name, value)
    return value
  }

  set(name: string, value: unknown): void {
    this.db
      .insert(options)
      .values({ name, value: JSON.stringify(value) })
      .onConflictDoUpdate({ target: options.name, set: { value: JSON.stringify(value) } })
      .run()
    this.cache.set(name, value)
  }

  /** Forget cached values (after a reset or snapshot restore replaced the table underneath). */
  invalidate(): void {
    this.cache.clear()
  }

  settings(): ApiSettings {
    return { ...DEFAULT_SETTINGS, ...this.get<Partial<ApiSettings>>('api_settings', {}) }
  }

  site(): SiteInfo {
    return { ...DEFAULT_SITE, ...this.get<Partial<SiteInfo>>('site_info', {}) }
  }
}
