import { serve, type ServerType } from '@hono/node-server'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import type { Logger } from 'pino'
import type { LogLevel } from '../../config.js'

/** How long a shutdown waits for requests in flight before cutting their connections. */
export const DRAIN_TIMEOUT_MS = 10_000

/** Query parameters that carry credentials (Classic `key`, Omeka S `key_identity`/`key_credential`). */
const SECRET_PARAMS = /^(key|key_identity|key_credential)$/i

/** The request target without credentials: `/api/items?key=…&page=2` → `/api/items?page=2`. */
export function pathWithoutKeys(url: string): string {
  const q = url.indexOf('?')
  if (q === -1) return url
  const params = new URLSearchParams(url.slice(q + 1))
  for (const name of [...params.keys()]) if (SECRET_PARAMS.test(name)) params.delete(name)
  const rest = params.toString()
  return rest ? `${url.slice(0, q)}?${rest}` : url.slice(0, q)
}

/** What a server does with its access logger. */
export type AccessLogger = Pick<Logger, 'isLevelEnabled' | 'info' | 'flush'>

/** `silent`'s access logger: pino not even loaded (its ~10 files were a tenth of a `serve` start's CPU). */
const SILENT: AccessLogger = { isLevelEnabled: () => false, info: () => {}, flush: () => {} }

/** The access logger: one JSON line per request on stdout (pino), or nothing at `silent`. */
export function accessLogger(level: LogLevel, destination?: NodeJS.WritableStream): AccessLogger {
  if (level === 'silent') return SILENT
  const { pino } = createRequire(import.meta.url)('pino') as typeof import('pino')
  return pino({ level, base: null }, destination ?? pino.destination({ dest: 1, sync: true }))
}

export interface Listening {
  server: ServerType
  port: number
  /** Requests being answered right now. */
  inFlight(): number
  /**
   * Stops accepting connections, lets requests in flight finish (at most `timeoutMs`, then cuts them),
   * and resolves once every connection is closed. Idempotent.
   */
  drain(timeoutMs?: number): Promise<void>
}

/**
 * Serves `fetch` (a Hono app) on host:port with an access log line per request, and a drain that
 * a graceful shutdown (SIGTERM/SIGINT, `close()` of the programmatic API) waits on.
 */
export function listen(
  fetch: (req: Request) => Response | Promise<Response>,
  o: { host: string; port: number; logger: AccessLogger },
): Promise<Listening> {
  return new Promise((resolveListening, reject) => {
    let active = 0
    let draining: Promise<void> | null = null
    const server = serve({ fetch, hostname: o.host, port: o.port }, (info: AddressInfo) => {
      server.off('error', reject)
      resolveListening({ server, port: info.port, inFlight: () => active, drain })
    }) as Server
    server.once('error', reject)
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const started = process.hrtime.bigint()
      active++
      res.once('close', () => {
        active--
        if (o.logger.isLevelEnabled('info')) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6
          o.logger.info(
            {
              method: req.method,
              path: pathWithoutKeys(req.url ?? '/'),
              status: res.statusCode,
              duration_ms: Math.round(ms * 100) / 100,
            },
            'request',
          )
        }
        // While draining, a keep-alive connection whose last response just finished is idle: close it.
        if (draining) setImmediate(() => server.closeIdleConnections())
      })
    })

    function drain(timeoutMs = DRAIN_TIMEOUT_MS): Promise<void> {
      draining ??= new Promise<void>((done) => {
        const cut = setTimeout(() => server.closeAllConnections(), timeoutMs)
        cut.unref()
        server.close(() => {
          clearTimeout(cut)
          done()
        })
        server.closeIdleConnections()
      })
      return draining
    }
  })
}
