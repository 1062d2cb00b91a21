import type { Deps } from '../deps.js'
import type { Catalog } from '../api/resources/catalog.js'
import type { ImportCtx } from '../../core/import/run-context.js'
import type * as core from '../../core/import/run-context.js'
import type { ImportResource, RunOptions } from './runs.repo.js'

export { commitPage, nextPageUrl, readAll, walk } from '../../core/import/run-context.js'

/** Progress callback (the CLI's bars). */
export type ProgressFn = core.ProgressFn<ImportResource>

/** What one S-target run's phases share, around the kernel's context. */
export interface RunCtx extends ImportCtx<ImportResource, RunOptions> {
  deps: Deps
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
