import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EXIT_CODES, EXIT_SIGINT } from '../src/cli/import.js'
import { parseOriginKey } from '../src/cli/origin-key.js'
import { startContractOrigin, type ContractOrigin } from './import-contract.harness.js'

// The import command as a user runs it: where the origin key comes from, the exit codes the README
// documents, Ctrl-C, and the refusal of a keyless resume of a keyed run.

type Done = { code: number | null; out: string }

function cli(
  args: string[],
  env: Record<string, string> = {},
  onStart?: (kill: () => void, out: () => string) => void,
): Promise<Done> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OMEKA_TWIN_')))
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (b: Buffer) => (out += b.toString()))
  child.stderr.on('data', (b: Buffer) => (out += b.toString()))
  onStart?.(
    () => child.kill('SIGINT'),
    () => out,
  )
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })))
}

describe('import command: keys, exit codes, Ctrl-C', () => {
  let origin: ContractOrigin
  afterEach(async () => origin?.close())

  it('parses keys from a file or the environment (Classic key, or S identity:credential)', () => {
    expect(parseOriginKey(' abc123\n')).toEqual({ key: 'abc123' })
    expect(parseOriginKey('id:cred\n')).toEqual({ identity: 'id', credential: 'cred' })
    expect(parseOriginKey('')).toBeNull()
    expect(EXIT_CODES).toMatchObject({ completed: 0, failed: 1, completed_with_errors: 2, interrupted: 3 })
    expect(EXIT_SIGINT).toBe(130)
  })

  it('interrupted exits 3 and says what was never read; a keyless resume of a keyed run is refused (exit 1); --key-file resumes to completed (exit 0)', async () => {
    origin = await startContractOrigin('classic')
    const data = mkdtempSync(join(tmpdir(), 'omeka-twin-cli-'))
    const key = (origin.key as { key: string }).key
    await origin.faults([{ method: 'GET', path: '/api/items', effect: { type: 'status', status: 500 } }])
    const first = await cli(['import', '--from', origin.endpoint, '--data', data], { OMEKA_TWIN_ORIGIN_KEY: key })
    expect(first.out).toMatch(/: interrupted;/)
    expect(first.out).toMatch(/Could not read items: .*not started: /)
    expect(first.out).toMatch(/--resume 1 with the key/)
    expect(first.code).toBe(3)
    await origin.faults([])
    const keyless = await cli(['import', '--resume', '1', '--data', data])
    expect(keyless.out).toMatch(/Import 1 was started with an API key; resuming it without one/)
    expect(keyless.code).toBe(1)
    const file = join(data, 'origin.key')
    writeFileSync(file, `${key}\n`)
    const resumed = await cli(['import', '--resume', '1', '--key-file', file, '--data', data])
    expect(resumed.out).toMatch(/Import 1 from .*: completed;/)
    expect(resumed.code).toBe(0)
  }, 60_000)

  it('Ctrl-C leaves the run interrupted and exits 130', async () => {
    origin = await startContractOrigin('classic')
    const data = mkdtempSync(join(tmpdir(), 'omeka-twin-cli-'))
    // Items pages trickle in, so the signal lands inside the items walk.
    await origin.faults([
      { method: 'GET', path: '/api/items', effect: { type: 'slow_body', chunk_bytes: 64, interval_ms: 200 } },
    ])
    const done = await cli(
      ['import', '--from', origin.endpoint, '--data', data],
      { OMEKA_TWIN_ORIGIN_KEY: (origin.key as { key: string }).key },
      (kill) => {
        const wait = setInterval(async () => {
          const requests = (await (await fetch(`${origin.server.base}/__admin/requests?limit=1000`)).json()) as {
            path?: string
            url?: string
          }[]
          if (requests.some((r) => /\/api\/items/.test(r.path ?? r.url ?? ''))) clearInterval(wait), kill()
        }, 100)
      },
    )
    expect(done.out).toMatch(/: interrupted;/)
    expect(done.out).toMatch(/Interrupted \(items: /)
    expect(done.code).toBe(130)
  }, 60_000)
})
