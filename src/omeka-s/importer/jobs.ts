import type { Deps } from '../deps.js'
import * as core from '../../core/import/jobs.js'
import type { RunCtx } from './context.js'
import { importPort } from './engine.js'
import type { ImportResource, RunOptions } from './runs.repo.js'

export type JobsOptions = core.JobsOptions

/** The kernel's import jobs into the Omeka S database. */
export class ImportJobs extends core.ImportJobs<ImportResource, RunOptions, RunCtx> {
  constructor(deps: Deps, o: core.JobsOptions = {}) {
    super(importPort(deps), o)
  }
}
