import { toIsoDate } from '../../shared.js'
import type { Urls } from '../../../core/http/urls.js'
import { isResumable, shownStatus } from '../../../core/import/run-store.js'
import type { ImportRecordRow, RunRow } from '../../importer/runs.repo.js'

const seconds = (a: string, b: string) =>
  (Date.parse(`${b.replace(' ', 'T')}Z`) - Date.parse(`${a.replace(' ', 'T')}Z`)) / 1000

/** Records handled per second (all resources), once the run has a start. */
function rate(run: RunRow, now: string): number | null {
  if (!run.started) return null
  const done = Object.values(run.counters).reduce(
    (n, c) => n + c.created + c.updated + c.unchanged + c.skipped + c.failed,
    0,
  )
  const s = Math.max(1, seconds(run.started, run.finished ?? now))
  return Math.round((done / s) * 10) / 10
}

/** An import run as the API shows it (`active`: its job is running in this process); never the key. */
export function toImportJson(run: RunRow, recordCount: number, urls: Urls, active: boolean, now: string) {
  return {
    id: run.id,
    url: urls.api('imports', run.id),
    endpoint: run.endpoint,
    origin: run.origin,
    omeka_url: run.omekaUrl,
    status: shownStatus(run, active),
    resumable: isResumable(run) && !active,
    options: run.options,
    counters: run.counters,
    modified_since: run.since,
    requests: run.requests,
    retries: run.retries,
    bytes: run.bytes,
    rate: rate(run, now),
    message: run.message,
    owner: run.ownerId === null ? null : { id: run.ownerId, url: urls.api('users', run.ownerId), resource: 'users' },
    added: toIsoDate(run.added),
    started: run.started ? toIsoDate(run.started) : null,
    finished: run.finished ? toIsoDate(run.finished) : null,
    records: { count: recordCount, url: `${urls.api('import_records')}?import=${run.id}`, resource: 'import_records' },
    extended_resources: [],
  } as const
}

/** One row of a run's record log. */
export function toImportRecordJson(r: ImportRecordRow, urls: Urls) {
  return {
    id: r.id,
    url: urls.api('import_records', r.id),
    import: { id: r.runId, url: urls.api('imports', r.runId), resource: 'imports' },
    resource: r.resource,
    remote_id: r.remoteId,
    local_id: r.localId,
    outcome: r.outcome,
    message: r.message,
    changes: r.changes,
    extended_resources: [],
  }
}
