import Table from 'cli-table3'
import { resolve } from 'node:path'
import { resolveDataDir, DEFAULT_MAX_UPLOAD } from '../config.js'
import { ImportError } from '../core/import/jobs.js'
import {
  EXIT_CODES,
  EXIT_SIGINT,
  keyForRun,
  printChanges,
  progressBars,
  reportingImportErrors,
  resumeHint,
} from './import-common.js'
import { isResumable } from '../core/import/run-store.js'
import { initialiseS, isEmpty as isSEmpty, openDataDir as openSDataDir } from '../omeka-s/bootstrap.js'
import { requireDataDir } from '../classic/bootstrap.js'
import type { Deps as SDeps } from '../omeka-s/deps.js'
import type { SourceKey } from '../omeka-s/importer/engine.js'
import { ImportJobs as SImportJobs } from '../omeka-s/importer/jobs.js'
import { allowFileHosts } from '../core/import/origin-policy.js'
import { stockPageCache } from '../core/db/sqlite.js'
import {
  findRun as findSRun,
  searchRuns as searchSRuns,
  runStore as sRunStore,
  RESOURCES as S_RESOURCES,
  type ImportResource as SImportResource,
  type RunRow as SRunRow,
} from '../omeka-s/importer/runs.repo.js'

function openS(flags: Record<string, unknown>): SDeps {
  const deps = openSDataDir(
    resolve(resolveDataDir(flags.data)),
    { control: false, maxUploadBytes: DEFAULT_MAX_UPLOAD },
    '',
  )
  // A short-lived process that mostly writes: no 16 MB read cache (see stockPageCache).
  stockPageCache(deps.db.$client)
  return deps
}

/** An import error is printed and exits 1 (the Classic CLI's rule); the S database is closed after. */
const reporting = (deps: SDeps, fn: () => Promise<void> | void) =>
  reportingImportErrors(() => deps.db.$client.close(), fn)

/** The end-of-run table: one row per resource. */
export function sSummaryTable(run: SRunRow): string {
  const t = new Table({ head: ['resource', 'total', 'created', 'updated', 'unchanged', 'skipped', 'failed'] })
  for (const r of S_RESOURCES) {
    const c = run.counters[r]
    t.push([r, c.total, c.created, c.updated, c.unchanged, c.skipped, c.failed])
  }
  return t.toString()
}

/** `omeka-twin import --flavor s`: imports an Omeka S (or, with --from-flavor classic, a Classic) site into the S data. */
export async function importSCommand(flags: Record<string, unknown>): Promise<void> {
  const deps = openS(flags)
  if (isSEmpty(deps)) {
    // A fresh install first (vocabularies, Base Resource, settings, a global admin), as `serve --flavor s --empty`:
    // without the vocabularies every Classic → S value would be dropped as an unknown term.
    const key = await initialiseS(deps, { empty: true })
    if (key)
      (flags.json ? console.error : console.log)(
        `Omeka S: installed into an empty data dir; global admin "Admin" (id 1). API key (shown once): key_identity=${key.identity} key_credential=${key.credential}`,
      )
  }
  const jobs = new SImportJobs(deps, {
    inline: true,
    client: { allowFileHosts: allowFileHosts(flags.allowFileHost) },
    ...(flags.concurrency ? { downloadConcurrency: flags.concurrency as number } : {}),
  })
  let sigint = false
  const stop = () => ((sigint = true), jobs.interruptAll())
  process.once('SIGINT', stop)
  const bars = progressBars<SImportResource>()
  await reporting(deps, async () => {
    const key: SourceKey = await keyForRun(flags, flags.resume ? findSRun(deps.db, flags.resume as number) : undefined)
    const options = {
      mode: flags.mode as 'merge' | 'mirror',
      dry_run: Boolean(flags.dryRun),
      full: Boolean(flags.full),
      import_users: flags.users !== false,
      tags_property: String(flags.tagsProperty ?? 'dcterms:subject'),
    }
    const run = flags.resume
      ? await jobs.resume(flags.resume as number, key, bars.update)
      : await jobs.start({
          endpoint: String(flags.from),
          fromFlavor: flags.fromFlavor === 'classic' ? 'classic' : 's',
          key,
          options,
          ownerId: null,
          self: null,
          progress: bars.update,
        })
    bars.stop()
    const final = findSRun(deps.db, run.id)!
    const out = flags.json ? console.error : console.log
    out(sSummaryTable(final))
    out(
      `Import ${final.id} from ${final.endpoint} (${final.fromFlavor} → s): ${final.status}${final.options.dry_run ? ' (dry run: nothing was written)' : ''}; ${final.requests} requests, ${final.retries} retries.`,
    )
    if (final.message) out(final.message)
    if (isResumable(final)) out(resumeHint(final))
    printChanges(sRunStore(deps.db), final, Boolean(flags.json))
    process.exitCode = sigint ? EXIT_SIGINT : EXIT_CODES[final.status]
  }).finally(() => (bars.stop(), process.off('SIGINT', stop)))
}

/** Without an id, undo targets the newest S run that created records and is not undone yet. */
function latestUndoable(deps: SDeps): number {
  const row = deps.db.$client
    .prepare<unknown[], { id: number }>(
      "SELECT r.id FROM import_run r WHERE r.status NOT IN ('undone', 'undoing') AND EXISTS (SELECT 1 FROM import_id_map m WHERE m.created_by_run = r.id) ORDER BY r.id DESC LIMIT 1",
    )
    .get()
  if (!row) throw new ImportError(404, 'No import run to undo.')
  return row.id
}

/** `omeka-twin undo [RUN_ID] --flavor s`: deletes what an S-target run created (edited records kept unless --force). */
export async function undoSCommand(id: string | undefined, flags: Record<string, unknown>): Promise<void> {
  const deps = openS(flags)
  await reporting(deps, async () => {
    const runId = id === undefined ? latestUndoable(deps) : Number(id)
    if (!Number.isInteger(runId) || runId < 1) throw new ImportError(400, `Invalid run id: ${id}`)
    await new SImportJobs(deps, { inline: true }).undo(runId, Boolean(flags.force))
    const run = findSRun(deps.db, runId)!
    const kept = deps.db.$client
      .prepare<unknown[], { n: number }>(
        "SELECT COUNT(*) AS n FROM import_record WHERE run_id = ? AND outcome = 'kept'",
      )
      .get(run.id)!
    console.log(
      `Import ${run.id}: ${run.status}${kept.n ? ` (${kept.n} records kept: edited locally or still in use; --force to delete edited ones)` : ''}`,
    )
    process.exitCode = EXIT_CODES[run.status]
  })
}

/** `omeka-twin imports --flavor s`: the S-target runs, newest first. */
export async function listSCommand(flags: Record<string, unknown>): Promise<void> {
  requireDataDir(resolveDataDir(flags.data), 'omeka-s.sqlite')
  const deps = openS(flags)
  await reporting(deps, () => {
    const t = new Table({
      head: ['id', 'endpoint', 'from', 'status', 'mode', 'items', 'media', 'failed', 'started', 'finished'],
    })
    for (const r of searchSRuns(deps.db, undefined, 1, 1000).rows) {
      const failed = Object.values(r.counters).reduce((n, c) => n + c.failed, 0)
      t.push([
        r.id,
        r.endpoint,
        r.fromFlavor,
        r.status,
        r.options.mode + (r.options.dry_run ? ' (dry)' : ''),
        r.counters.items.created + r.counters.items.updated,
        r.counters.media.created,
        failed,
        r.started ?? '',
        r.finished ?? '',
      ])
    }
    console.log(t.toString())
  })
}
