import { formatDuration, type RunView } from '../progress.js'
import type { AdminSession } from '../session.js'
import { Csrf, Layout } from './layout.js'
import { Pager, type Paging } from './pager.js'

interface Common {
  session: AdminSession
  control: boolean
  flash?: string | undefined
  error?: string | undefined
}

export interface RecordRow {
  id: number
  resource: string
  remote_id: number | null
  local_id: number | null
  outcome: string
  message: string | null
}

const statusLabel = (s: string) => s.replace(/_/g, ' ')

/** The run history, newest first. */
export function HistoryPage(p: Common & { runs: RunView[]; paging: Paging }) {
  return (
    <Layout title="Imports" session={p.session} control={p.control} flash={p.flash} error={p.error}>
      <p>
        <a class="button" href="/admin/imports/new">
          New import
        </a>
      </p>
      {p.runs.length === 0 ? (
        <p>No import has run yet.</p>
      ) : (
        <table>
          <caption>Import runs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Origin</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Records
              </th>
              <th scope="col" class="num">
                Failed
              </th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {p.runs.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/imports/${r.id}`}>Run {r.id}</a>
                </th>
                <td>{r.endpoint}</td>
                <td>
                  <span class={`status status-${r.status}`}>{statusLabel(r.status)}</span>
                  {r.dryRun ? ' (dry run)' : ''}
                </td>
                <td class="num">{r.done}</td>
                <td class="num">{r.failed}</td>
                <td>{r.started ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager paging={p.paging} base="/admin" label="Import runs pages" />
    </Layout>
  )
}

/** Per-resource progress; admin.js refreshes it from the run's event stream. */
export function ProgressTable(p: { run: RunView }) {
  const r = p.run
  return (
    <table id="progress" data-run={r.id} data-final={r.final ? '1' : '0'}>
      <caption>Progress per resource</caption>
      <thead>
        <tr>
          <th scope="col">Resource</th>
          <th scope="col" class="num">
            Done / total
          </th>
          <th scope="col" class="num">
            Created
          </th>
          <th scope="col" class="num">
            Updated
          </th>
          <th scope="col" class="num">
            Unchanged
          </th>
          <th scope="col" class="num">
            Failures
          </th>
        </tr>
      </thead>
      <tbody>
        {r.rows.map((row) => (
          <tr data-resource={row.resource}>
            <th scope="row">{row.resource}</th>
            <td class="num" data-field="done">
              {row.done} / {row.total ?? '?'}
            </td>
            <td class="num" data-field="created">
              {row.created}
            </td>
            <td class="num" data-field="updated">
              {row.updated}
            </td>
            <td class="num" data-field="unchanged">
              {row.unchanged}
            </td>
            <td class="num" data-field="failed">
              {row.failed}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** One run: live status and progress, its actions, and its latest failures. */
export function RunPage(p: Common & { run: RunView; failures: RecordRow[] }) {
  const r = p.run
  const undoable = r.final && r.status !== 'undone' && !r.dryRun
  return (
    <Layout title={`Import run ${r.id}`} session={p.session} control={p.control} flash={p.flash} error={p.error}>
      <dl class="facts">
        <dt>Origin</dt>
        <dd>{r.endpoint}</dd>
        <dt>Status</dt>
        <dd>
          <span id="run-status" class={`status status-${r.status}`} role="status" aria-live="polite">
            {statusLabel(r.status)}
          </span>
          {r.dryRun ? ' (dry run)' : ''}
        </dd>
        <dt>Records</dt>
        <dd id="run-done">
          {r.done} of {r.total ?? '?'}
        </dd>
        <dt>Rate</dt>
        <dd id="run-rate">{r.rate === null ? '—' : `${r.rate} records/s`}</dd>
        <dt>Time left</dt>
        <dd id="run-eta">{r.final ? '—' : formatDuration(r.etaSeconds)}</dd>
        <dt>Failures</dt>
        <dd id="run-failed">{r.failed}</dd>
        <dt>Requests</dt>
        <dd>
          {r.requests} ({r.retries} retried)
        </dd>
        {r.message ? (
          <>
            <dt>Message</dt>
            <dd>{r.message}</dd>
          </>
        ) : null}
      </dl>
      <ProgressTable run={r} />
      <p id="live-note" class="help">
        {r.final ? 'This run has finished.' : 'Updates live while the run works; reload the page if it stops.'}
      </p>
      <div class="actions">
        <a class="button" href={`/admin/imports/${r.id}/report`}>
          Open the report
        </a>
        {!r.final && r.status !== 'undoing' ? (
          <form method="post" action={`/admin/imports/${r.id}/cancel`} class="inline">
            <Csrf session={p.session} />
            <button type="submit">Cancel the run</button>
          </form>
        ) : null}
        {undoable ? (
          <a class="button" href={`/admin/imports/${r.id}/undo`}>
            Undo…
          </a>
        ) : null}
      </div>
      {r.resumable ? (
        <form method="post" action={`/admin/imports/${r.id}/resume`} class="stack boxed">
          <Csrf session={p.session} />
          <h2>Resume</h2>
          <p>
            This run was interrupted. Give the origin's key again (it was never stored) and resume from its checkpoint.
          </p>
          <div class="field">
            <label for="resume_key">Origin API key (optional)</label>
            <input id="resume_key" name="key" type="password" autocomplete="off" />
          </div>
          {p.session.credentials.flavor === 's' ? (
            <>
              <div class="field">
                <label for="resume_identity">Origin key identity (optional)</label>
                <input id="resume_identity" name="key_identity" type="text" autocomplete="off" />
              </div>
              <div class="field">
                <label for="resume_credential">Origin key credential (optional)</label>
                <input id="resume_credential" name="key_credential" type="password" autocomplete="off" />
              </div>
            </>
          ) : null}
          <button type="submit">Resume the run</button>
        </form>
      ) : null}
      {p.failures.length ? <RecordsTable records={p.failures} caption="Latest failed records" /> : null}
    </Layout>
  )
}

export function RecordsTable(p: { records: RecordRow[]; caption: string }) {
  return (
    <table>
      <caption>{p.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Resource</th>
          <th scope="col" class="num">
            Origin id
          </th>
          <th scope="col" class="num">
            Local id
          </th>
          <th scope="col">Outcome</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {p.records.map((r) => (
          <tr>
            <th scope="row">{r.resource}</th>
            <td class="num">{r.remote_id ?? '—'}</td>
            <td class="num">{r.local_id ?? '—'}</td>
            <td>{statusLabel(r.outcome)}</td>
            <td>{r.message ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** A run's report: totals per resource and its record log, filtered by outcome. */
export function ReportPage(
  p: Common & { run: RunView; records: RecordRow[]; outcome: string; outcomes: readonly string[]; paging: Paging },
) {
  const r = p.run
  return (
    <Layout
      title={`Report of import run ${r.id}`}
      session={p.session}
      control={p.control}
      flash={p.flash}
      error={p.error}
    >
      <p>
        <a href={`/admin/imports/${r.id}`}>Back to the run</a>
      </p>
      <dl class="facts">
        <dt>Status</dt>
        <dd id="report-status">
          {statusLabel(r.status)}
          {r.dryRun ? ' (dry run)' : ''}
        </dd>
        <dt>Started</dt>
        <dd>{r.started ?? '—'}</dd>
        <dt>Finished</dt>
        <dd>{r.finished ?? '—'}</dd>
        <dt>Records handled</dt>
        <dd>{r.done}</dd>
        <dt>Failures</dt>
        <dd>{r.failed}</dd>
      </dl>
      <ProgressTable run={r} />
      <form method="get" action={`/admin/imports/${r.id}/report`} class="inline-form">
        <label for="outcome">Show records</label>
        <select id="outcome" name="outcome">
          <option value="" selected={p.outcome === ''}>
            all outcomes
          </option>
          {p.outcomes.map((o) => (
            <option value={o} selected={p.outcome === o}>
              {statusLabel(o)}
            </option>
          ))}
        </select>
        <button type="submit">Filter</button>
      </form>
      {p.records.length ? (
        <RecordsTable records={p.records} caption={p.outcome ? `Records: ${statusLabel(p.outcome)}` : 'Records'} />
      ) : (
        <p>No records.</p>
      )}
      <Pager
        paging={p.paging}
        base={`/admin/imports/${r.id}/report`}
        extra={p.outcome ? { outcome: p.outcome } : {}}
        label="Record pages"
      />
    </Layout>
  )
}

/** What undo will remove, before the person confirms. */
export function UndoPreviewPage(
  p: Common & { run: RunView; perResource: { resource: string; count: number }[]; sample: RecordRow[]; total: number },
) {
  const r = p.run
  return (
    <Layout title={`Undo import run ${r.id}?`} session={p.session} control={p.control} flash={p.flash} error={p.error}>
      <p id="undo-summary">
        Undo deletes the <strong>{p.total}</strong> records this run created (records edited here since the import are
        kept unless you force it), and puts back element sets it overrode.
      </p>
      <table>
        <caption>Records undo will delete, per resource</caption>
        <thead>
          <tr>
            <th scope="col">Resource</th>
            <th scope="col" class="num">
              Records
            </th>
          </tr>
        </thead>
        <tbody>
          {p.perResource.map((x) => (
            <tr>
              <th scope="row">{x.resource}</th>
              <td class="num">{x.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.sample.length ? <RecordsTable records={p.sample} caption={`The first ${p.sample.length} of them`} /> : null}
      <form method="post" action={`/admin/imports/${r.id}/undo`} class="stack boxed">
        <Csrf session={p.session} />
        <label>
          <input type="checkbox" name="force" value="1" /> Force: also delete records edited here since the import
        </label>
        <div class="actions">
          <button type="submit" class="danger">
            Undo the import
          </button>
          <a href={`/admin/imports/${r.id}`}>Keep it</a>
        </div>
      </form>
    </Layout>
  )
}
