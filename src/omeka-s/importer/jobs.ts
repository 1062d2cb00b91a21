import type { SDeps } from '../deps.js'
import { ImportJobs, type JobsOptions } from '../../core/import/jobs.js'
import type { SRunCtx } from './context.js'
import { sImportPort } from './engine.js'
import type { SImportResource, SRunOptions } from './runs.repo.js'

export type SJobsOptions = JobsOptions

/** The kernel's import jobs into the Omeka S database. */
export class SImportJobs extends ImportJobs<SImportResource, SRunOptions, SRunCtx> {
  constructor(deps: SDeps, o: JobsOptions = {}) {
    super(sImportPort(deps), o)
  }
}
