import autocannon from 'autocannon'
import { cpuMs } from './proc.js'

/** One line of the results table (and of the JSON file). */
export interface Row {
  group: string
  name: string
  conns?: number
  /** Whether the response cache could answer (`cached`) or every request was made in full (`uncached`). */
  cache?: 'cached' | 'uncached' | undefined
  /** Requests per second. */
  rps?: number
  p50ms?: number
  p99ms?: number
  /** Server CPU per answered request (user + system, from /proc): steady even when the machine is busy. */
  cpuMs?: number
  /** Milliseconds of one first (cold) request before the load run. */
  coldMs?: number
  /** Any other figure, already formatted ("3.2 s, 620 items/s, 540 origin requests"). */
  figure?: string
  target?: string
  met?: boolean
  /** Non-2xx answers or socket errors during a load run: the figures are then suspect. */
  errors?: number
}

export interface Settings {
  /** Seconds per load run. */
  duration: number
  /** Items in the scale data set. */
  scaleItems: number
  /** Items in the scaled import origin. */
  scaleImportItems: number
}

export interface Request {
  name: string
  path: string
  method?: 'GET' | 'POST' | 'PUT'
  body?: string
  /**
   * Give every request its own Host header, so no answer can come from the response cache: the
   * figures are those of the whole pipeline (SQL, representation, encoding) on every request.
   */
  uncached?: boolean
}

/** Times one request end to end (connection included), failing on a non-2xx answer. */
export async function coldRequest(base: string, req: Request): Promise<number> {
  const t0 = performance.now()
  const res = await fetch(base + req.path, {
    method: req.method ?? 'GET',
    ...(req.body ? { body: req.body, headers: { 'Content-Type': 'application/json' } } : {}),
  })
  await res.arrayBuffer()
  if (!res.ok) throw new Error(`${req.method ?? 'GET'} ${req.path} answered ${res.status}`)
  return performance.now() - t0
}

/** Throughput and latency of one request under `connections` concurrent keep-alive connections. */
export async function load(
  base: string,
  req: Request,
  connections: number,
  duration: number,
  pid?: number,
): Promise<Pick<Row, 'rps' | 'p50ms' | 'p99ms' | 'errors' | 'cpuMs'>> {
  const cpu0 = pid ? cpuMs(pid) : 0
  const result = await autocannon({
    url: base + req.path,
    connections,
    duration,
    method: req.method ?? 'GET',
    ...(req.body ? { body: req.body, headers: { 'content-type': 'application/json' } } : {}),
    ...(req.uncached ? { requests: [{ setupRequest: uniqueHost() }] } : {}),
  })
  return {
    rps: result.requests.total / (result.duration || duration),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    ...(pid ? { cpuMs: (cpuMs(pid) - cpu0) / Math.max(1, result.requests.total) } : {}),
  }
}

function uniqueHost() {
  let n = 0
  return (r: autocannon.Request) => ({ ...r, headers: { ...r.headers, host: `h${++n}.bench.test` } })
}

/** GETs may come from the response cache unless the request is marked uncached; writes never do. */
export function cacheOf(req: Request): Row['cache'] {
  return (req.method ?? 'GET') !== 'GET' ? undefined : req.uncached ? 'uncached' : 'cached'
}

/** A request measured with 1 and with 8 connections, after one cold request. */
export async function measureRequest(
  group: string,
  server: { base: string; pid: number },
  req: Request,
  s: Settings,
): Promise<Row[]> {
  const { base, pid } = server
  const coldMs = await coldRequest(base, req)
  const rows: Row[] = []
  for (const conns of [1, 8])
    rows.push({
      group,
      name: req.name,
      conns,
      cache: cacheOf(req),
      coldMs,
      ...(await load(base, req, conns, s.duration, pid)),
    })
  return rows
}

/** Marks a row against a throughput/latency target. */
export function withTarget(row: Row, minRps: number, maxP99: number): Row {
  return {
    ...row,
    target: `≥ ${minRps} req/s, p99 ≤ ${maxP99} ms`,
    met: (row.rps ?? 0) >= minRps && (row.p99ms ?? Infinity) <= maxP99 && !row.errors,
  }
}
