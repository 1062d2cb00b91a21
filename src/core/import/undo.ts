import { IdMap } from './id-map.js'
import type { ImportPort } from './port.js'
import type { ImportCtx } from './run-context.js'
import type { BaseRunOptions, RecordLog, RunRow } from './run-store.js'

/**
 * Undoes a run: deletes exactly what it created, children first (the port's order), in one
 * transaction; keeps and reports what the port says must stay (edited here since, still in use); the
 * port's cleanup (stored files) runs once the transaction committed.
 */
export function undoRun<R extends string, O extends BaseRunOptions, C extends ImportCtx<R, O>>(
  port: ImportPort<R, O, C>,
  runId: number,
  opts: { force: boolean },
): void {
  const { store, undo } = port
  const run = store.find(runId)
  if (!run) throw new Error(`No import run ${runId}`)
  const map = new IdMap<R>(store.db, run.origin)
  const cleanups: (() => void)[] = []
  store.transaction(() => {
    const logs: RecordLog<R>[] = []
    for (const resource of undo.order) {
      const found = map.createdBy(runId, resource)
      for (const c of undo.arrange ? undo.arrange(resource, found) : found) {
        const reason = undo.keepReason(resource, c, opts.force)
        if (reason) {
          logs.push({ resource, remoteId: c.remoteId, localId: c.localId, outcome: 'kept', message: reason })
          continue
        }
        const cleanup = undo.remove(resource, c.localId)
        if (cleanup) cleanups.push(cleanup)
        map.remove(resource, c.remoteId)
        logs.push({ resource, remoteId: c.remoteId, localId: c.localId, outcome: 'undone' })
      }
    }
    undo.after?.(run as unknown as RunRow<R, BaseRunOptions>)
    store.log(runId, logs)
    store.update(runId, { status: 'undone', finished: store.now() })
  })
  for (const cleanup of cleanups) cleanup()
}
