import type { SDeps } from '../deps.js'
import type { Catalog } from '../api/resources/catalog.js'
import type { ImportCtx, ProgressFn } from '../../core/import/run-context.js'
import type { SImportResource, SRunOptions } from './runs.repo.js'

export { commitPage, nextPageUrl, readAll, walk } from '../../core/import/run-context.js'

/** Progress callback (the CLI's bars). */
export type SProgressFn = ProgressFn<SImportResource>

/** What one S-target run's phases share, around the kernel's context. */
export interface SRunCtx extends ImportCtx<SImportResource, SRunOptions> {
  deps: SDeps
  /** Vocabulary terms and templates of this database (refreshed after schema phases). */
  catalog: Catalog
  /** Remote property and class ids → terms (S → S). */
  remoteTerms: { properties: Map<number, string>; classes: Map<number, string> }
  /** Classic → S: remote element id → element set and name; item type id → name and element ids. */
  classic: {
    elements: Map<number, { set: string; name: string }>
    itemTypes: Map<number, { name: string; elements: number[] }>
  }
}
