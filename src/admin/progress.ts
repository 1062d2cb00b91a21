/** One resource's line of a run's progress. */
export interface ProgressRow {
  resource: string
  done: number
  total: number | null
  failed: number
  created: number
  updated: number
  unchanged: number
  skipped: number
  deleted: number
}

/** A run as the admin page shows it, from the imports API's JSON of either flavour. */
export interface RunView {
  id: number
  endpoint: string
  status: string
  final: boolean
  resumable: boolean
  dryRun: boolean
  message: string | null
  added: string | null
  started: string | null
  finished: string | null
  requests: number
  retries: number
  rows: ProgressRow[]
  done: number
  total: number | null
  failed: number
  /** Records per second since the start; null before it. */
  rate: number | null
  /** Seconds left at the current rate; null when unknown or finished. */
  etaSeconds: number | null
}

export const FINAL_STATUSES = ['completed', 'completed_with_errors', 'failed', 'cancelled', 'undone']

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

/** Omeka-style stored dates ("2026-12-04 01:02:03") and ISO dates alike, as epoch ms. */
export function parseDate(v: unknown): number | null {
  if (typeof v !== 'string' || v === '') return null
  const iso = /^\d{4}-\d\d-\d\d \d/.test(v) ? `${v.replace(' ', 'T')}Z` : v
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : ms
}

/** Turns an import's JSON (Classic `id`, S `o:id`) into per-resource progress with rate and ETA. */
export function toRunView(run: any, now: number = Date.now()): RunView {
  const counters = (run.counters ?? {}) as Record<string, Record<string, unknown>>
  const rows: ProgressRow[] = Object.entries(counters).map(([resource, c]) => {
    const r = {
      created: num(c.created),
      updated: num(c.updated),
      unchanged: num(c.unchanged),
      skipped: num(c.skipped),
      failed: num(c.failed),
      deleted: num(c.deleted),
    }
    const total = typeof c.total === 'number' && c.total > 0 ? c.total : null
    return { resource, total, done: r.created + r.updated + r.unchanged + r.skipped + r.failed, ...r }
  })
  const done = rows.reduce((n, r) => n + r.done, 0)
  const failed = rows.reduce((n, r) => n + r.failed, 0)
  const totals = rows.map((r) => r.total)
  const total = totals.every((t) => t !== null) && rows.length ? totals.reduce((n: number, t) => n + (t ?? 0), 0) : null
  const started = parseDate(run.started)
  const finished = parseDate(run.finished)
  const status = String(run.status ?? '')
  const seconds = started === null ? null : Math.max(1, ((finished ?? now) - started) / 1000)
  const rate = seconds === null ? null : Math.round((done / seconds) * 10) / 10
  const final = FINAL_STATUSES.includes(status)
  const etaSeconds = !final && rate && total !== null && total > done ? Math.round((total - done) / rate) : null
  return {
    id: Number(run.id ?? run['o:id']),
    endpoint: String(run.endpoint ?? ''),
    status,
    final,
    resumable: run.resumable === true,
    dryRun: run.options?.dry_run === true,
    message: run.message ?? null,
    added: run.added ?? null,
    started: run.started ?? null,
    finished: run.finished ?? null,
    requests: num(run.requests),
    retries: num(run.retries),
    rows,
    done,
    total,
    failed,
    rate,
    etaSeconds,
  }
}

/** "1 h 02 min", "3 min 05 s", "12 s". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—'
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  if (h) return `${h} h ${String(m).padStart(2, '0')} min`
  if (m) return `${m} min ${String(s).padStart(2, '0')} s`
  return `${s} s`
}
