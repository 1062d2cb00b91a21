import type { Deps } from '../deps.js'
import {
  commitPage as commitKernelPage,
  type ImportCtx,
  type ProgressFn as CoreProgressFn,
} from '../../core/import/run-context.js'
import type { ImportResource } from './id-map.js'
import type { Cursor, RecordLog, RunOptions } from './runs.repo.js'

export { keepTargetFull, nextPageUrl, walk } from '../../core/import/run-context.js'

/** The kernel's commitPage; Classic pages also log the tags they created (not counted). */
export const commitPage = (ctx: RunCtx, cursor: Cursor | null, fn: () => RecordLog[]): RecordLog[] =>
  commitKernelPage(ctx, cursor, fn as () => never[])

/** Progress callback (the CLI's bars): a resource's counters changed. */
export type ProgressFn = CoreProgressFn<ImportResource>

/** What one Classic-target run's phases share, around the kernel's context. */
export interface RunCtx extends ImportCtx<ImportResource, RunOptions> {
  deps: Deps
  dry: boolean
  /** Remote → local ids resolved during the run. */
  sets: Map<number, number>
  elements: Map<number, number>
  elementByName: Map<string, number>
  itemTypes: Map<number, number>
  users: Map<number, number | null>
  collections: Map<number, number>
  /** Remote ids seen in a complete walk (mirror deletions need no extra listing then). */
  seen: Partial<Record<'items' | 'collections' | 'files', Set<number>>>
}
