import autocannon from 'autocannon'

/** One line of the results table (and of the JSON file). */
export interface Row {
  group: string
  name: string
  conns?: number
  /** Requests per second. */
  rps?: number
  p50ms?: number
  p99ms?: number
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
}

/** Times one request end to end (connection included), failing on a non-2xx answer. */
export async function coldRequest(base: string, req: Request): Promise<number> {
  const t0 = performance.now()
  const res = await fetch(base + req.path, { method: req.method ?? 'GET', ...(req.body ? { body: req.body, headers: { 'Content-Type': 'application/json' } } : {}) })
  await res.arrayBuffer()
  if (!res.ok) throw new Error(`${req.method ?? 'GET'} ${req.path} answered ${res.status}`)
  return performance.now() - t0
}

/** Throughput and latency of one request under `connections` concurrent keep-alive connections. */
export async function load(base: string, req: Request, connections: number, duration: number): Promise<Pick<Row, 'rps' | 'p50ms' | 'p99ms' | 'errors'>> {
  const result = await autocannon({
    url: base + req.path,
    connections,
    duration,
    method: req.method ?? 'GET',
    ...(req.body ? { body: req.body, headers: { 'content-type': 'application/json' } } : {}),
  })
  return {
    rps: result.requests.total / (result.duration || duration),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  }
}

/** A request measured with 1 and with 8 connections, after one cold request. */
export async function measureRequest(group: string, base: string, req: Request, s: Settings): Promise<Row[]> {
  const coldMs = await coldRequest(base, req)
  const rows: Row[] = []
  for (const conns of [1, 8]) rows.push({ group, name: req.name, conns, coldMs, ...(await load(base, req, conns, s.duration)) })
  return rows
}

/** Marks a row against a throughput/latency target. */
export function withTarget(row: Row, minRps: number, maxP99: number): Row {
  return { ...row, target: `≥ ${minRps} req/s, p99 ≤ ${maxP99} ms`, met: (row.rps ?? 0) >= minRps && (row.p99ms ?? Infinity) <= maxP99 && !row.errors }
}
