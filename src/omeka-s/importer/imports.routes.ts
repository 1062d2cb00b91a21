import { isResumable, shownStatus } from '../../core/import/run-store.js'
import * as z from 'zod'
import { ApiError } from '../../core/http/errors.js'
import { scalarParam } from '../../core/http/php-query.js'
import { ImportError } from '../../core/import/jobs.js'
import { OUTCOMES, RUN_STATUSES } from '../../core/import/run-store.js'
import { pageOf } from '../browse.js'
import { adapterClass, type ApiRequest, type Resource } from '../context.js'
import { entityNotFound, validationError } from '../respond.js'
import type { SourceKey } from './engine.js'
import type { ImportJobs } from './jobs.js'
import {
  findImportRecord,
  findRun,
  searchImportRecords,
  searchRuns,
  type ImportRecordRow,
  type RunRow,
} from './runs.repo.js'

const keyFields = {
  key: z.string().min(1).optional(),
  key_identity: z.string().min(1).optional(),
  key_credential: z.string().min(1).optional(),
}

/** `POST /api/imports`: unknown fields are refused so a typo never silently changes a run. */
const importCreate = z
  .object({
    endpoint: z.string().min(1),
    from_flavor: z.enum(['s', 'classic']).optional().default('s'),
    ...keyFields,
    mode: z.enum(['merge', 'mirror']).optional().default('merge'),
    dry_run: z.boolean().optional().default(false),
    full: z.boolean().optional().default(false),
    import_users: z.boolean().optional().default(true),
    tags_property: z
      .string()
      .regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9_.-]+$/)
      .optional()
      .default('dcterms:subject'),
  })
  .strict()

/** `PUT /api/imports/:id`: cancel, resume (with the key again) or undo. */
const importUpdate = z
  .object({
    status: z.enum(['cancelled', 'running', 'undone']),
    ...keyFields,
    force: z.boolean().optional().default(false),
  })
  .strict()

function parse<S extends z.ZodTypeAny>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body)
  if (r.success) return r.data
  const issue = r.error.issues[0]!
  return validationError({ [issue.path.join('.') || 'body']: [issue.message] })
}

/** The key as given: an S identity and credential, a Classic key, or none. */
function sourceKey(b: {
  key?: string | undefined
  key_identity?: string | undefined
  key_credential?: string | undefined
}): SourceKey {
  if (b.key_identity && b.key_credential) return { identity: b.key_identity, credential: b.key_credential }
  return b.key ? { key: b.key } : null
}

async function job<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof ImportError) throw new ApiError(err.status, err.message)
    throw err
  }
}

function whitelist(req: ApiRequest, name: string, allowed: readonly string[]): string | undefined {
  const v = scalarParam(req.query, name)
  if (v === undefined || v === '') return undefined
  if (!allowed.includes(v)) throw new ApiError(400, `Invalid value for "${name}"`)
  return v
}

/** A run as the API shows it; never the key (it was never stored). */
export function toImportJson(req: ApiRequest, jobs: ImportJobs, run: RunRow) {
  const records = searchImportRecords(req.deps.db, { runId: run.id }, 1, 1).total
  return {
    '@id': req.urls.api('imports', run.id),
    'o:id': run.id,
    endpoint: run.endpoint,
    from_flavor: run.fromFlavor,
    status: shownStatus(run, jobs.isActive(run.id)),
    resumable: isResumable(run) && !jobs.isActive(run.id),
    options: run.options,
    counters: run.counters,
    requests: run.requests,
    retries: run.retries,
    bytes: run.bytes,
    message: run.message,
    'o:owner': run.ownerId === null ? null : { '@id': req.urls.api('users', run.ownerId), 'o:id': run.ownerId },
    added: run.added,
    started: run.started,
    finished: run.finished,
    records: { count: records, '@id': `${req.urls.api('import_records')}?import=${run.id}` },
  }
}

function toRecordJson(req: ApiRequest, r: ImportRecordRow) {
  return {
    '@id': req.urls.api('import_records', r.id),
    'o:id': r.id,
    import: { '@id': req.urls.api('imports', r.runId), 'o:id': r.runId },
    resource: r.resource,
    remote_id: r.remoteId,
    local_id: r.localId,
    outcome: r.outcome,
    message: r.message,
    changes: r.changes,
  }
}

const runOf = (req: ApiRequest) =>
  (/^\d+$/.test(req.id) ? findRun(req.deps.db, Number(req.id)) : undefined) ?? entityNotFound('Import', req.id)

/** `imports` and `import_records` on the S API: served to global admins only (see createApi's gate). */
export function importsResources(jobs: ImportJobs): Resource[] {
  const imports: Resource = {
    name: 'imports',
    adapter: adapterClass('Import'),
    search(req) {
      const page = pageOf(req.query, req.settings.pagination_per_page)
      const { rows, total } = searchRuns(
        req.deps.db,
        whitelist(req, 'status', RUN_STATUSES),
        page.page,
        page.limit ?? 1000,
      )
      return { items: rows.map((r) => toImportJson(req, jobs, r)), total }
    },
    read: (req) => toImportJson(req, jobs, runOf(req)),
    async create(req) {
      const b = parse(importCreate, req.body)
      const options = {
        mode: b.mode,
        dry_run: b.dry_run,
        full: b.full,
        import_users: b.import_users,
        tags_property: b.tags_property,
      }
      const run = await job(() =>
        jobs.start({
          endpoint: b.endpoint,
          fromFlavor: b.from_flavor,
          key: sourceKey(b),
          options,
          ownerId: req.user?.id ?? null,
          self: req.urls.api(''),
        }),
      )
      return toImportJson(req, jobs, findRun(req.deps.db, run.id)!)
    },
    async update(req) {
      const run = runOf(req)
      const b = parse(importUpdate, req.body)
      if (b.status === 'cancelled') await job(() => jobs.cancel(run.id))
      else if (b.status === 'running') await job(() => jobs.resume(run.id, sourceKey(b)))
      else await job(() => jobs.undo(run.id, b.force))
      return toImportJson(req, jobs, findRun(req.deps.db, run.id)!)
    },
  }
  const records: Resource = {
    name: 'import_records',
    adapter: adapterClass('ImportRecord'),
    search(req) {
      const page = pageOf(req.query, req.settings.pagination_per_page)
      const run = scalarParam(req.query, 'import')
      if (run !== undefined && !/^\d+$/.test(run)) throw new ApiError(400, 'Invalid value for "import"')
      const outcome = whitelist(req, 'outcome', OUTCOMES)
      const resource = scalarParam(req.query, 'resource')
      const { rows, total } = searchImportRecords(
        req.deps.db,
        { ...(run ? { runId: Number(run) } : {}), ...(outcome ? { outcome } : {}), ...(resource ? { resource } : {}) },
        page.page,
        page.limit ?? 1000,
      )
      return { items: rows.map((r) => toRecordJson(req, r)), total }
    },
    read: (req) =>
      toRecordJson(
        req,
        (/^\d+$/.test(req.id) ? findImportRecord(req.deps.db, Number(req.id)) : undefined) ??
          entityNotFound('ImportRecord', req.id),
      ),
  }
  return [imports, records]
}

/** The request bodies, for the OpenAPI document (src/openapi). */
export { importCreate, importUpdate }
