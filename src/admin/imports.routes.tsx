import { Hono, type Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import { errorMessage } from './api-client.js'
import { field, pageParam, takeFlash, type AdminContext, type AdminEnv } from './admin.context.js'
import { probeOrigin } from './origin-probe.js'
import { formatDuration, toRunView } from './progress.js'
import type { PendingImport } from './session.js'
import { HistoryPage, ReportPage, RunPage, UndoPreviewPage, type RecordRow } from './views/runs.js'
import { WizardOptions, WizardOrigin } from './views/wizard.js'

const OUTCOMES = [
  'created',
  'updated',
  'unchanged',
  'skipped',
  'failed',
  'deleted',
  'kept',
  'undone',
  'would_create',
  'would_update',
  'would_delete',
] as const
const PER_PAGE = 20

const toRecord = (r: any): RecordRow => ({
  id: Number(r.id ?? r['o:id']),
  resource: String(r.resource),
  remote_id: r.remote_id ?? null,
  local_id: r.local_id ?? null,
  outcome: String(r.outcome),
  message: r.message ?? null,
})

const runId = (c: Context) => (/^\d+$/.test(c.req.param('id') ?? '') ? Number(c.req.param('id')) : null)

/** The import pages: history, the wizard, one run (with live progress), its report, cancel, resume and undo. */
export function importsRoutes(ctx: AdminContext): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>()
  const common = (c: Context<AdminEnv>) => ({ session: c.var.session, control: ctx.control })

  r.get('/', async (c) => {
    const page = pageParam(c)
    const answer = await c.var.api.api('GET', '/imports', { page, per_page: PER_PAGE })
    const runs = Array.isArray(answer.body) ? answer.body.map((run) => toRunView(run)) : []
    const error = answer.status === 200 ? undefined : errorMessage(answer)
    return c.html(
      <HistoryPage
        {...common(c)}
        runs={runs}
        paging={{ page, perPage: PER_PAGE, total: answer.total ?? runs.length }}
        flash={takeFlash(c.var.session)}
        error={error}
      />,
    )
  })

  r.get('/imports/new', (c) => c.html(<WizardOrigin {...common(c)} />))

  r.post('/imports/preflight', async (c) => {
    const form = await c.req.parseBody()
    const fromFlavor =
      c.var.session.credentials.flavor === 'classic' || field(form, 'from_flavor') === 'classic' ? 'classic' : 's'
    const pending: PendingImport = {
      endpoint: field(form, 'endpoint'),
      fromFlavor,
      key: field(form, 'key') || null,
      identity: field(form, 'key_identity') || null,
      credential: field(form, 'key_credential') || null,
    }
    const report = await probeOrigin(pending)
    if ('error' in report)
      return c.html(
        <WizardOrigin {...common(c)} values={{ endpoint: pending.endpoint, fromFlavor }} error={report.error} />,
        400,
      )
    c.var.session.pending = { ...pending, endpoint: report.endpoint }
    c.var.session.pendingReport = report
    return c.html(<WizardOptions {...common(c)} report={report} />)
  })

  r.post('/imports', async (c) => {
    const { pending, pendingReport } = c.var.session
    if (!pending || !pendingReport) return c.redirect('/admin/imports/new', 303)
    const form = await c.req.parseBody()
    const flag = (name: string) => field(form, name) === '1'
    const options = {
      mode: field(form, 'mode') === 'mirror' ? 'mirror' : 'merge',
      import_users: flag('import_users'),
      dry_run: flag('dry_run'),
      full: flag('full'),
    }
    const body =
      c.var.api.flavor === 'classic'
        ? {
            endpoint: pending.endpoint,
            key: pending.key,
            override_element_sets: flag('override_element_sets'),
            ...options,
          }
        : {
            endpoint: pending.endpoint,
            from_flavor: pending.fromFlavor,
            ...options,
            ...(pending.key ? { key: pending.key } : {}),
            ...(pending.identity && pending.credential
              ? { key_identity: pending.identity, key_credential: pending.credential }
              : {}),
            ...(pending.fromFlavor === 'classic' && field(form, 'tags_property')
              ? { tags_property: field(form, 'tags_property') }
              : {}),
          }
    const answer = await c.var.api.api('POST', '/imports', {}, body)
    if (answer.status >= 300)
      return c.html(<WizardOptions {...common(c)} report={pendingReport} error={errorMessage(answer)} />, 400)
    // The origin's key served this run only: it is not kept (resume asks for it again).
    delete c.var.session.pending
    delete c.var.session.pendingReport
    return c.redirect(`/admin/imports/${toRunView(answer.body).id}`, 303)
  })

  r.get('/imports/:id', async (c) => {
    const id = runId(c)
    const answer = id === null ? null : await c.var.api.api('GET', `/imports/${id}`)
    if (answer?.status !== 200) return c.notFound()
    const failed = await c.var.api.api('GET', '/import_records', { import: id!, outcome: 'failed', per_page: 10 })
    const failures = Array.isArray(failed.body) ? failed.body.map(toRecord) : []
    return c.html(
      <RunPage {...common(c)} run={toRunView(answer.body)} failures={failures} flash={takeFlash(c.var.session)} />,
    )
  })

  // Server-sent events: the run's progress about twice a second until it reaches a final status.
  r.get('/imports/:id/events', (c) => {
    const id = runId(c)
    if (id === null) return c.notFound()
    return streamSSE(c, async (stream) => {
      let event = 0
      while (!stream.aborted) {
        const answer = await c.var.api.api('GET', `/imports/${id}`)
        if (answer.status !== 200) break
        const run = toRunView(answer.body)
        await stream.writeSSE({
          event: 'progress',
          id: String(event++),
          data: JSON.stringify({ ...run, eta: run.final ? '—' : formatDuration(run.etaSeconds) }),
        })
        if (run.final) break
        await stream.sleep(500)
      }
      await stream.writeSSE({ event: 'end', data: '{}' })
    })
  })

  r.get('/imports/:id/report', async (c) => {
    const id = runId(c)
    const answer = id === null ? null : await c.var.api.api('GET', `/imports/${id}`)
    if (answer?.status !== 200) return c.notFound()
    const outcome = (OUTCOMES as readonly string[]).includes(c.req.query('outcome') ?? '')
      ? c.req.query('outcome')!
      : ''
    const page = pageParam(c)
    const records = await c.var.api.api('GET', '/import_records', { import: id!, outcome, page, per_page: 50 })
    const rows = Array.isArray(records.body) ? records.body.map(toRecord) : []
    return c.html(
      <ReportPage
        {...common(c)}
        run={toRunView(answer.body)}
        records={rows}
        outcome={outcome}
        outcomes={OUTCOMES}
        paging={{ page, perPage: 50, total: records.total ?? rows.length }}
      />,
    )
  })

  r.post('/imports/:id/cancel', async (c) => {
    const id = runId(c)
    if (id === null) return c.notFound()
    const answer = await c.var.api.api('PUT', `/imports/${id}`, {}, { status: 'cancelled' })
    c.var.session.flash =
      answer.status === 200 ? 'The run is being cancelled.' : `Cancel refused: ${errorMessage(answer)}`
    return c.redirect(`/admin/imports/${id}`, 303)
  })

  r.post('/imports/:id/resume', async (c) => {
    const id = runId(c)
    if (id === null) return c.notFound()
    const form = await c.req.parseBody()
    const keys =
      c.var.api.flavor === 'classic'
        ? { key: field(form, 'key') || null }
        : {
            ...(field(form, 'key') ? { key: field(form, 'key') } : {}),
            ...(field(form, 'key_identity')
              ? { key_identity: field(form, 'key_identity'), key_credential: field(form, 'key_credential') }
              : {}),
          }
    const answer = await c.var.api.api('PUT', `/imports/${id}`, {}, { status: 'running', ...keys })
    c.var.session.flash =
      answer.status === 200 ? 'The run resumed from its checkpoint.' : `Resume refused: ${errorMessage(answer)}`
    return c.redirect(`/admin/imports/${id}`, 303)
  })

  r.get('/imports/:id/undo', async (c) => {
    const id = runId(c)
    const answer = id === null ? null : await c.var.api.api('GET', `/imports/${id}`)
    if (answer?.status !== 200) return c.notFound()
    const run = toRunView(answer.body)
    // Tags are logged per record but have no counter of their own: ask the log for them too.
    const resources = [...new Set([...run.rows.filter((row) => row.created > 0).map((row) => row.resource), 'tags'])]
    const counted = await Promise.all(
      resources.map(async (resource) => ({
        resource,
        count:
          (await c.var.api.api('GET', '/import_records', { import: id!, outcome: 'created', resource, per_page: 1 }))
            .total ?? 0,
      })),
    )
    const perResource = counted.filter((x) => x.count > 0)
    const sample = await c.var.api.api('GET', '/import_records', { import: id!, outcome: 'created', per_page: 20 })
    const rows = Array.isArray(sample.body) ? sample.body.map(toRecord) : []
    return c.html(
      <UndoPreviewPage
        {...common(c)}
        run={run}
        perResource={perResource}
        sample={rows}
        total={sample.total ?? rows.length}
      />,
    )
  })

  r.post('/imports/:id/undo', async (c) => {
    const id = runId(c)
    if (id === null) return c.notFound()
    const form = await c.req.parseBody()
    const answer = await c.var.api.api(
      'PUT',
      `/imports/${id}`,
      {},
      { status: 'undone', force: field(form, 'force') === '1' },
    )
    c.var.session.flash =
      answer.status === 200
        ? 'Undo started: the records this run created are being deleted.'
        : `Undo refused: ${errorMessage(answer)}`
    return c.redirect(`/admin/imports/${id}`, 303)
  })

  return r
}
