import { can } from '../../acl.js'
import { ApiError, notFound, permissionDenied } from '../../../core/http/errors.js'
import { scalarParam } from '../../../core/http/php-query.js'
import { ImportError, type ImportJobs } from '../../importer/jobs.js'
import {
  countImportRecords,
  findImportRecord,
  findRun,
  searchImportRecords,
  searchRuns,
  OUTCOMES,
  RUN_STATUSES,
  type RunRow,
} from '../../importer/runs.repo.js'
import type { ClassicRequest, ClassicResource } from '../../context.js'
import { createdResponse, indexResponse, jsonBody, pageOf, recordResponse } from '../../respond.js'
import { classicResponse } from '../../../core/http/respond.js'
import { nowStored } from '../../shared.js'
import { toImportJson, toImportRecordJson } from './imports.representation.js'
import { importCreate, importUpdate, parseBody } from './imports.schemas.js'

/** Imports are for super users only (they write everything and reach out to other servers). */
function authorize(req: ClassicRequest): void {
  if (!can(req.user, 'edit', 'Imports')) permissionDenied()
}

function represent(req: ClassicRequest, jobs: ImportJobs, run: RunRow) {
  return toImportJson(run, countImportRecords(req.deps.db, run.id), req.urls, jobs.isActive(run.id), nowStored())
}

/** Runs a job call, turning its refusals into Omeka-format errors. */
async function job<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof ImportError) throw new ApiError(err.status, err.message)
    throw err
  }
}

function whitelist(value: string | undefined, allowed: readonly string[], name: string): string | undefined {
  if (value === undefined || value === '') return undefined
  if (!allowed.includes(value)) throw new ApiError(400, `Invalid GET request parameter value: "${name}"`)
  return value
}

/** `imports`: start (POST), list, show, cancel/resume/undo (PUT) and undo (DELETE) import runs. */
export function importsResource(jobs: ImportJobs): ClassicResource {
  return {
    name: 'imports',
    unlisted: true,
    recordType: 'OmekaTwinImport',
    actions: ['index', 'get', 'post', 'put', 'delete'],
    indexParams: ['status'],
    handlers: {
      index(req) {
        authorize(req)
        const page = pageOf(req)
        const { rows, total } = searchRuns(
          req.deps.db,
          whitelist(scalarParam(req.query, 'status'), RUN_STATUSES, 'status'),
          page.page,
          page.perPage,
        )
        return indexResponse(
          req,
          'imports',
          rows.map((r) => represent(req, jobs, r)),
          total,
          page,
        )
      },
      get(req) {
        authorize(req)
        const run = findRun(req.deps.db, req.id) ?? notFound()
        return recordResponse(req, represent(req, jobs, run))
      },
      async post(req) {
        authorize(req)
        const b = parseBody(importCreate, jsonBody(req))
        const options = {
          mode: b.mode,
          override_element_sets: b.override_element_sets,
          import_users: b.import_users,
          dry_run: b.dry_run,
          full: b.full,
        }
        const run = await job(() =>
          jobs.start({
            endpoint: b.endpoint,
            key: b.key ?? null,
            options,
            ownerId: req.user?.id ?? null,
            self: req.urls.origin,
          }),
        )
        return createdResponse(req, 'imports', run.id, represent(req, jobs, findRun(req.deps.db, run.id)!))
      },
      async put(req) {
        authorize(req)
        const run = findRun(req.deps.db, req.id) ?? notFound()
        const b = parseBody(importUpdate, jsonBody(req))
        if (b.status === 'cancelled') await job(() => jobs.cancel(run.id))
        else if (b.status === 'running') await job(() => jobs.resume(run.id, b.key ?? null))
        else await job(() => jobs.undo(run.id, b.force))
        return recordResponse(req, represent(req, jobs, findRun(req.deps.db, run.id)!))
      },
      async delete(req) {
        authorize(req)
        const run = findRun(req.deps.db, req.id) ?? notFound()
        await job(() => jobs.undo(run.id, false))
        return classicResponse(req.c, req.query, represent(req, jobs, findRun(req.deps.db, run.id)!), 202)
      },
    },
  }
}

/** `import_records`: the per-record log of runs, paged like every index. */
export const importRecordsResource: ClassicResource = {
  name: 'import_records',
  unlisted: true,
  recordType: 'OmekaTwinImportRecord',
  actions: ['index', 'get'],
  indexParams: ['import', 'outcome', 'resource'],
  handlers: {
    index(req) {
      authorize(req)
      const page = pageOf(req)
      const run = scalarParam(req.query, 'import')
      if (run !== undefined && !/^\d+$/.test(run))
        throw new ApiError(400, 'Invalid GET request parameter value: "import"')
      const filters = {
        ...(run ? { runId: Number(run) } : {}),
        ...(whitelist(scalarParam(req.query, 'outcome'), OUTCOMES, 'outcome')
          ? { outcome: scalarParam(req.query, 'outcome')! }
          : {}),
        ...(scalarParam(req.query, 'resource') ? { resource: scalarParam(req.query, 'resource')! } : {}),
      }
      const { rows, total } = searchImportRecords(req.deps.db, filters, page.page, page.perPage)
      return indexResponse(
        req,
        'import_records',
        rows.map((r) => toImportRecordJson(r, req.urls)),
        total,
        page,
      )
    },
    get(req) {
      authorize(req)
      const r = findImportRecord(req.deps.db, req.id) ?? notFound()
      return recordResponse(req, toImportRecordJson(r, req.urls))
    },
  },
}

/** Both import resources, sharing one job runner. */
export function importsResources(jobs: ImportJobs): ClassicResource[] {
  return [importsResource(jobs), importRecordsResource]
}
