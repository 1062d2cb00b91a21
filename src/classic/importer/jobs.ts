import type { Deps } from '../deps.js'
import { ImportJobs as KernelJobs, type JobsOptions } from '../../core/import/jobs.js'
import type { RunCtx } from './context.js'
import { classicImportPort } from './engine.js'
import type { ImportResource } from './id-map.js'
import type { RunOptions } from './runs.repo.js'

export { ImportError, type JobsOptions } from '../../core/import/jobs.js'

/** The kernel's import jobs into the Classic database. */
export class ImportJobs extends KernelJobs<ImportResource, RunOptions, RunCtx> {
  constructor(deps: Deps, o: JobsOptions = {}) {
    super(classicImportPort(deps), o)
  }
}
