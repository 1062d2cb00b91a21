import type { Command } from 'commander'
import { resolveServeOptions } from '../config.js'

/**
 * `omeka-twin healthcheck`: asks the server configured by the same flags/environment as `serve`
 * (host, port, flavour) for its API root and exits 0 when it answers below 500 within 3 s (the
 * container's HEALTHCHECK). A wildcard bind address is checked on loopback.
 */
async function healthcheck(flags: Record<string, unknown>): Promise<void> {
  const o = resolveServeOptions(flags)
  const host = ['0.0.0.0', '::', '[::]'].includes(o.host) ? '127.0.0.1' : o.host.includes(':') ? `[${o.host}]` : o.host
  const url = `http://${host}:${o.port}${o.flavor === 's' ? '/api-context' : '/api/site'}`
  const res = await fetch(url, { signal: AbortSignal.timeout(3000) }).catch((err: Error) => {
    throw new Error(`${url}: ${err.cause instanceof Error ? err.cause.message : err.message}`)
  })
  await res.arrayBuffer()
  if (res.status >= 500) throw new Error(`${url}: HTTP ${res.status}`)
  console.log(`${url}: HTTP ${res.status}`)
}

/** Adds `healthcheck` to the command line. */
export function registerHealthcheckCommand(program: Command): void {
  program
    .command('healthcheck')
    .description(
      "exit 0 if the server configured like `serve` (flags or OMEKA_TWIN_*) answers; for a container's HEALTHCHECK",
    )
    .option('--host <host>', 'its interface (env OMEKA_TWIN_HOST, default 127.0.0.1; 0.0.0.0 is checked on 127.0.0.1)')
    .option('--port <port>', 'its port (env OMEKA_TWIN_PORT, default 8080)')
    .option('--flavor <flavor>', 'its flavour: classic, s or both (env OMEKA_TWIN_FLAVOR)')
    .action(healthcheck)
}
