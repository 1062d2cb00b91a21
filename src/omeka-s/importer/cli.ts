import Table from 'cli-table3'
import { resolve } from 'node:path'
import { resolveDataDir, DEFAULT_MAX_UPLOAD } from '../../config.js'
import { ImportError } from '../../importer/jobs.js'
import { EXIT_CODES } from '../../cli/import.js'
import { openSDataDir } from '../bootstrap.js'
import type { SourceKey } from './engine.js'
import { SImportJobs } from './jobs.js'
import { findSRun, S_RESOURCES, type SRunRow } from './runs.repo.js'

/** The key flags: `--key` (a Classic origin) or `--key-identity` and `--key-credential` (an Omeka S origin). */
function keyOf(flags: Record<string, unknown>): SourceKey {
  if (typeof flags.keyIdentity === 'string' && typeof flags.keyCredential === 'string') return { identity: flags.keyIdentity, credential: flags.keyCredential }
  return typeof flags.key === 'string' && flags.key !== '' ? { key: flags.key } : null
}

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
  const deps = openSDataDir(resolve(resolveDataDir(flags.data)), { control: false, maxUploadBytes: DEFAULT_MAX_UPLOAD }, '')
  const jobs = new SImportJobs(deps, { inline: true, ...(flags.concurrency ? { downloadConcurrency: flags.concurrency as number } : {}) })
  const stop = () => jobs.interruptAll()
  process.once('SIGINT', stop)
  try {
    const options = { mode: flags.mode as 'merge' | 'mirror', dry_run: Boolean(flags.dryRun), full: Boolean(flags.full), import_users: flags.users !== false, tags_property: String(flags.tagsProperty ?? 'dcterms:subject') }
    const run = flags.resume
      ? await jobs.resume(flags.resume as number, keyOf(flags))
      : await jobs.start({ endpoint: String(flags.from), fromFlavor: flags.fromFlavor === 'classic' ? 'classic' : 's', key: keyOf(flags), options, ownerId: null, self: null })
    const final = findSRun(deps.db, run.id)!
    if (final.status === 'running') console.log(`Interrupted. Run again with --resume ${final.id} (and the key) to continue from the checkpoint.`)
    else {
      console.log(sSummaryTable(final))
      console.log(`Import ${final.id} from ${final.endpoint} (${final.fromFlavor} → s): ${final.status}; ${final.requests} requests, ${final.retries} retries.`)
      if (final.message) console.log(final.message)
    }
    process.exitCode = EXIT_CODES[final.status]
  } catch (err) {
    if (!(err instanceof ImportError)) throw err
    console.error(`omeka-twin: ${err.message}`)
    process.exitCode = 1
  } finally {
    process.off('SIGINT', stop)
    deps.db.$client.close()
  }
}
