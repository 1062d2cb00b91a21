import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import Table from 'cli-table3'
import { initialise, isEmpty, openDataDir, requireDataDir } from '../classic/bootstrap.js'
import { DEFAULT_MAX_UPLOAD, resolveDataDir } from '../config.js'
import type { Deps } from '../classic/deps.js'
import { RESOURCES } from '../classic/importer/id-map.js'
import { ImportError, ImportJobs } from '../classic/importer/jobs.js'
import { findRun, runStore, searchRuns, type RunRow } from '../classic/importer/runs.repo.js'
import { allowFileHosts } from '../core/import/origin-policy.js'
import { stockPageCache } from '../core/db/sqlite.js'
import { isResumable } from '../core/import/run-store.js'
import {
  baselineWasmOnly,
  collectGarbageSooner,
  EXIT_CODES,
  EXIT_SIGINT,
  keyForRun,
  printChanges,
  progressBars,
  reportingImportErrors,
  resumeHint,
} from './import-common.js'

export { EXIT_CODES, EXIT_SIGINT, keyForRun, progressBars, reportingImportErrors, resumeHint }

const int = (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('must be a positive whole number')
  return Number(v)
}

function open(flags: Record<string, unknown>): Deps {
  const deps = openDataDir(resolveDataDir(flags.data), { control: false, maxUploadBytes: DEFAULT_MAX_UPLOAD })
  // A short-lived process that mostly writes: no 16 MB read cache (see stockPageCache).
  stockPageCache(deps.db.$client)
  if (isEmpty(deps)) {
    const key = initialise(deps, { empty: true })
    // With --json, stdout carries the JSON only.
    if (key)
      (flags.json ? console.error : console.log)(
        `New data dir: created super user "admin" (id 1). API key (shown once): ${key}`,
      )
  }
  return deps
}

/** The end-of-run table: one row per resource with its counters. */
export function summaryTable(run: RunRow): string {
  const t = new Table({
    head: ['resource', 'total', 'created', 'updated', 'unchanged', 'skipped', 'failed', 'deleted'],
  })
  for (const r of RESOURCES) {
    const c = run.counters[r]
    t.push([r, c.total, c.created, c.updated, c.unchanged, c.skipped, c.failed, c.deleted])
  }
  return t.toString()
}

function report(deps: Deps, run: RunRow, json: boolean): void {
  const out = json ? console.error : console.log
  out(summaryTable(run))
  out(
    `Import ${run.id} from ${run.endpoint}: ${run.status}${run.options.dry_run ? ' (dry run: nothing was written)' : ''}; ${run.requests} requests, ${run.retries} retries.`,
  )
  if (run.message) out(run.message)
  if (run.status === 'completed_with_errors')
    out(`Failures: omeka-twin serve, then GET /api/import_records?import=${run.id}&outcome=failed`)
  if (isResumable(run)) out(resumeHint(run))
  printChanges(runStore(deps.db), run, json)
}

/** `omeka-twin import --from URL`: runs (or resumes) an import into the data dir, with live progress. */
async function importCommand(flags: Record<string, unknown>): Promise<void> {
  const deps = open(flags)
  const jobs = new ImportJobs(deps, {
    inline: true,
    client: { allowFileHosts: allowFileHosts(flags.allowFileHost) },
    ...(flags.concurrency ? { downloadConcurrency: flags.concurrency as number } : {}),
  })
  const bars = progressBars()
  let sigint = false
  const stop = () => ((sigint = true), jobs.interruptAll())
  process.once('SIGINT', stop)
  const close = () => {
    bars.stop()
    process.off('SIGINT', stop)
    deps.db.$client.close()
  }
  await reportingImportErrors(close, async () => {
    const key = await keyForRun(flags, flags.resume ? findRun(deps.db, flags.resume as number) : undefined)
    const options = {
      mode: flags.mode as 'merge' | 'mirror',
      override_element_sets: Boolean(flags.overrideElementSets),
      import_users: flags.users !== false,
      dry_run: Boolean(flags.dryRun),
      full: Boolean(flags.full),
    }
    const run = flags.resume
      ? await jobs.resume(flags.resume as number, key, bars.update)
      : await jobs.start({
          endpoint: String(flags.from),
          key,
          options,
          ownerId: null,
          self: null,
          progress: bars.update,
        })
    bars.stop()
    const final = findRun(deps.db, run.id)!
    report(deps, final, Boolean(flags.json))
    process.exitCode = sigint ? EXIT_SIGINT : EXIT_CODES[final.status]
  })
}

/** Without an id, undo targets the newest run that created records and is not undone yet. */
function latestUndoable(deps: Deps): number {
  const row = deps.db.$client
    .prepare<unknown[], { id: number }>(
      "SELECT r.id FROM import_runs r WHERE r.status NOT IN ('undone', 'undoing') AND EXISTS (SELECT 1 FROM import_id_map m WHERE m.created_by_run = r.id) ORDER BY r.id DESC LIMIT 1",
    )
    .get()
  if (!row) throw new ImportError(404, 'No import run to undo.')
  return row.id
}

async function undoCommand(id: string | undefined, flags: Record<string, unknown>): Promise<void> {
  const deps = open(flags)
  await reportingImportErrors(
    () => deps.db.$client.close(),
    async () => {
      const jobs = new ImportJobs(deps, { inline: true })
      const runId = id === undefined ? latestUndoable(deps) : Number(id)
      if (!Number.isInteger(runId) || runId < 1) throw new ImportError(400, `Invalid run id: ${id}`)
      await jobs.undo(runId, Boolean(flags.force))
      const run = findRun(deps.db, runId)!
      const kept = deps.db.$client
        .prepare<unknown[], { n: number }>(
          "SELECT COUNT(*) AS n FROM import_records WHERE run_id = ? AND outcome = 'kept'",
        )
        .get(run.id)!
      console.log(
        `Import ${run.id}: ${run.status}${kept.n ? ` (${kept.n} records kept: edited locally or still in use; --force to delete edited ones)` : ''}`,
      )
      process.exitCode = EXIT_CODES[run.status]
    },
  )
}

function listCommand(flags: Record<string, unknown>): void {
  requireDataDir(resolveDataDir(flags.data))
  const deps = open(flags)
  try {
    const t = new Table({
      head: ['id', 'endpoint', 'status', 'mode', 'items', 'files', 'failed', 'started', 'finished'],
    })
    for (const r of searchRuns(deps.db, undefined, 1, 1000).rows) {
      const failed = Object.values(r.counters).reduce((n, c) => n + c.failed, 0)
      t.push([
        r.id,
        r.endpoint,
        r.status,
        r.options.mode + (r.options.dry_run ? ' (dry)' : ''),
        r.counters.items.created + r.counters.items.updated,
        r.counters.files.created,
        failed,
        r.started ?? '',
        r.finished ?? '',
      ])
    }
    console.log(t.toString())
  } finally {
    deps.db.$client.close()
  }
}

/** Adds `import`, `undo` and `imports` to the command line. */
export function registerImportCommands(program: Command): void {
  program
    .command('import')
    .description('import a whole Omeka Classic site through its REST API')
    .option('--from <url>', "the origin's API endpoint, e.g. https://example.org/api")
    .option(
      '--key-file <file>',
      'file holding the API key on the origin (Omeka S: identity:credential); or set $OMEKA_TWIN_ORIGIN_KEY',
    )
    .option(
      '--key <key>',
      'API key on the origin (without one only public records are imported); visible in ps: prefer --key-file',
    )
    .option('--key-identity <id>', 'Omeka S origin: key_identity of the API key')
    .option('--key-credential <cred>', 'Omeka S origin: key_credential of the API key')
    .option('--flavor <flavor>', 'the data to import into: classic or s', 'classic')
    .option(
      '--from-flavor <flavor>',
      'with --flavor s: the origin is an Omeka S (s) or Omeka Classic (classic) site',
      's',
    )
    .option(
      '--tags-property <term>',
      'with --flavor s from Classic: the property that receives tags',
      'dcterms:subject',
    )
    .option('--mode <mode>', 'merge (keep local extras) or mirror (make this site equal to the origin)', 'merge')
    .option('--override-element-sets', "overwrite matched element sets', elements' and item types' descriptions")
    .option('--no-users', 'do not import users; owners become null')
    .option('--dry-run', 'fetch and compare, write nothing, list per record what would change')
    .option(
      '--json',
      'print the run and its per-record list (create / update with fields / delete / unchanged) as JSON',
    )
    .option('--full', 're-read everything even when an incremental run is possible')
    .option('--resume <id>', 'resume an interrupted run from its checkpoint', int)
    .option('--concurrency <n>', 'parallel downloads and user reads (default 6)', int)
    .option(
      '--allow-file-host <hosts>',
      "hosts besides the origin's own that file URLs may point to (comma-separated: https://cdn.example.org or cdn.example.org[:port])",
    )
    .option('--data <dir>', 'data directory (default: $OMEKA_TWIN_DATA or ./data)')
    .action(async (flags: Record<string, unknown>) => {
      if (!flags.from && !flags.resume) throw new Error('--from <url> is required')
      if (!['merge', 'mirror'].includes(String(flags.mode))) throw new Error('invalid --mode: merge or mirror')
      baselineWasmOnly()
      collectGarbageSooner()
      if (flags.flavor === 's') return (await import('./import-s.js')).importSCommand(flags)
      await importCommand(flags)
    })
  const flavor = ['--flavor <flavor>', 'the data the runs imported into: classic or s', 'classic'] as const
  program
    .command('undo')
    .argument('[run-id]', 'default: the newest run that created records')
    .description('undo an import run (deletes what it created)')
    .option('--force', 'also delete records edited locally since')
    .option('--data <dir>', 'data directory')
    .option(...flavor)
    .action(async (id: string | undefined, flags: Record<string, unknown>) =>
      flags.flavor === 's' ? (await import('./import-s.js')).undoSCommand(id, flags) : undoCommand(id, flags),
    )
  program
    .command('imports')
    .description('list import runs')
    .option('--data <dir>', 'data directory')
    .option(...flavor)
    .action(async (flags: Record<string, unknown>) =>
      flags.flavor === 's' ? (await import('./import-s.js')).listSCommand(flags) : listCommand(flags),
    )
}
