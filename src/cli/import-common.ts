import cliProgress from 'cli-progress'
import { setFlagsFromString } from 'node:v8'
import type { ImportResource } from '../classic/importer/id-map.js'
import { ImportError } from '../classic/importer/jobs.js'
import type { RunStatus } from '../classic/importer/runs.repo.js'
import type { Counter } from '../core/import/run-store.js'
import type { OriginKey } from '../core/import/origin.js'
import { ORIGIN_KEY_ENV, originKeyFromFlags, promptOriginKey } from './origin-key.js'
import { changeList, formatChangeList } from '../core/import/changes.js'
import type { BaseRunOptions, RunRow, RunStore } from '../core/import/run-store.js'

/**
 * Exit codes by final status (README, "Exit codes"): 0 everything read and written, 2 everything read
 * and some records refused, 1 failed or refused before starting, 3 interrupted (resumable: not
 * everything was read), 130 stopped by Ctrl-C (the run is left interrupted) or cancelled.
 */
export const EXIT_CODES: Record<RunStatus, number> = {
  completed: 0,
  undone: 0,
  completed_with_errors: 2,
  failed: 1,
  cancelled: 130,
  interrupted: 3,
  running: 3,
  queued: 3,
  undoing: 3,
}

/** The exit code of a run stopped by Ctrl-C (SIGINT), as shells report it. */
export const EXIT_SIGINT = 130

/** Records per second since a resource's first update (`-` for the first half second: too few to say). */
export function progressRate(first: { at: number; done: number }, done: number, now: number): number | '-' {
  const secs = (now - first.at) / 1000
  return secs < 0.5 ? '-' : Math.round((done - first.done) / secs)
}

/**
 * Keeps this process's WebAssembly on V8's baseline compiler (Liftoff). The only WebAssembly an import runs is
 * undici's HTTP parser (llhttp, behind `fetch`). V8 recompiles its hot functions with TurboFan on its background
 * threads, and that compiler's zones (30 MB at the moment they peak, per heaptrack) stay behind in those threads'
 * malloc arenas: 7-14 MB of a 20,000-item import's resident memory, for a parser that reads a few hundred
 * responses. Liftoff code parses them as correctly, a little slower. Call before the first request (which
 * compiles the parser); the flag is the process's own, set at run time: nothing to pass to node.
 */
export function baselineWasmOnly(): void {
  setFlagsFromString('--liftoff-only')
}

/**
 * Lets this process's old generation grow by at most half of what survived the last full collection. V8's default
 * lets it grow up to 4× on a large machine (speed over memory, right for a server): a 20,000-item import keeps about
 * 17 MB alive, yet its old space reached 35-48 MB of garbage between collections, and more on a loaded machine
 * where the concurrent marking falls behind. A CLI import is a batch job: a few more full collections (about 5%
 * more CPU) for 15-25 MB less resident memory. Set at run time for this process only: nothing to pass to node.
 */
export function collectGarbageSooner(): void {
  setFlagsFromString('--heap-growing-percent=50')
}

/** A live bar per resource (done/total, rate, ETA), created when the resource starts (both target flavours). */
export function progressBars<R extends string = ImportResource>(): {
  update: (r: R, c: Record<R, Counter>) => void
  stop: () => void
} {
  const multi = new cliProgress.MultiBar(
    {
      format: ' {resource} |{bar}| {value}/{total} | {rate}/s | ETA {eta_formatted} | failed {failed}',
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  )
  const bars = new Map<R, cliProgress.SingleBar>()
  // The first update of a resource comes after its first page is written: the rate counts from there (its
  // records over the time since), not from that update, which would divide a page by a millisecond.
  const first = new Map<R, { at: number; done: number }>()
  return {
    update(r, counters) {
      const c = counters[r]
      const done = c.created + c.updated + c.unchanged + c.skipped + c.failed
      if (!bars.has(r)) {
        bars.set(r, multi.create(Math.max(c.total, done), 0, { resource: r.padEnd(12), rate: '-', failed: 0 }))
        first.set(r, { at: Date.now(), done })
      }
      const bar = bars.get(r)!
      bar.setTotal(Math.max(c.total, done))
      bar.update(done, { rate: progressRate(first.get(r)!, done, Date.now()), failed: c.failed })
    },
    stop: () => multi.stop(),
  }
}

/**
 * Runs an import command's body: an ImportError is printed as one line and exits 1 (anything else is
 * a bug and propagates); `close` always runs (it closes the data dir's database).
 */
export async function reportingImportErrors(close: () => void, fn: () => Promise<void> | void): Promise<void> {
  try {
    await fn()
  } catch (err) {
    if (!(err instanceof ImportError)) throw err
    console.error(`omeka-twin: ${err.message}`)
    process.exitCode = 1
  } finally {
    close()
  }
}

/** How to go on with a resumable run (the key given again, never on the command line only). */
export function resumeHint(run: { id: number; options: { authenticated: boolean } }): string {
  return `Not everything was read. To continue from the checkpoint: omeka-twin import --resume ${run.id}${run.options.authenticated ? ` with the key (--key-file FILE or $${ORIGIN_KEY_ENV}; asked for on a terminal)` : ''}.`
}

/** The key of a run: from the flags or the environment, else (resuming a keyed run on a terminal) asked for. */
export async function keyForRun(
  flags: Record<string, unknown>,
  resuming: { id: number; options: { authenticated: boolean } } | undefined,
): Promise<OriginKey> {
  const key = originKeyFromFlags(flags)
  if (key || !resuming?.options.authenticated) return key
  return promptOriginKey(`Import ${resuming.id} was started with an API key. Origin API key: `)
}

/**
 * The per-record list of a finished run: with --json the run and every record as JSON on stdout (nothing
 * else there); otherwise, for a dry run, a readable list (create / update with its fields / delete / unchanged).
 */
export function printChanges<R extends string, O extends BaseRunOptions>(
  store: RunStore<R, O>,
  run: RunRow<R, O>,
  json: boolean,
): void {
  if (json) {
    const { id, endpoint, fromFlavor, status, message, counters, options } = run
    const records = changeList(store, run.id)
    console.log(
      JSON.stringify(
        { id, endpoint, from_flavor: fromFlavor, status, dry_run: options.dry_run, message, counters, records },
        null,
        2,
      ),
    )
  } else if (run.options.dry_run) console.log(formatChangeList(changeList(store, run.id), true))
}
