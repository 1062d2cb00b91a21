import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

// `omeka-twin serve` as a process: configuration from the environment, graceful shutdown, first-start
// keys and the read-only commands. Expected values: issue 12 and the README.

let dir: string
const children: ChildProcess[] = []
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'omeka-twin-process-'))
})
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Running {
  child: ChildProcess
  base: string
  out: () => string
  exited: Promise<number | null>
}

/** Runs the CLI from the sources; `env` is added to a copy of this process's environment without OMEKA_TWIN_*. */
function cli(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; out: () => string; exited: Promise<number | null> } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OMEKA_TWIN_')))
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let out = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  return { child, out: () => out, exited }
}

/** Starts `serve` and resolves with its base URL once it says it listens. */
async function serve(args: string[], env: Record<string, string> = {}): Promise<Running> {
  const run = cli(['serve', ...args], env)
  const base = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /omeka-twin: (http:\/\/[^ ]+) —/.exec(run.out())
      if (m) resolve(m[1]!)
    }
    run.child.stdout!.on('data', check)
    run.exited.then((code) => reject(new Error(`serve exited (${code}): ${run.out()}`)))
  })
  return { ...run, base }
}

describe('configuration from the environment', () => {
  it('uses OMEKA_TWIN_* when no flag is given, and a flag over its variable', async () => {
    const s = await serve(['--flavor', 'classic', '--fixture', 'test/fixtures/shared/conformance/classic/fixture'], {
      OMEKA_TWIN_PORT: '0',
      OMEKA_TWIN_HOST: '127.0.0.1',
      OMEKA_TWIN_DATA: join(dir, 'env-data'),
      OMEKA_TWIN_FLAVOR: 's',
      OMEKA_TWIN_CONTROL: '1',
      OMEKA_TWIN_LOG_LEVEL: 'silent',
    })
    expect(s.out()).toContain('port=0 (env OMEKA_TWIN_PORT)')
    expect(s.out()).toContain('flavor=classic (flag)')
    expect(existsSync(join(dir, 'env-data', 'omeka-twin.sqlite'))).toBe(true)
    // The Classic API (the flag), with the control plane (the variable).
    expect((await fetch(`${s.base}/api/items/1`)).status).toBe(200)
    expect((await fetch(`${s.base}/__admin/faults`)).status).toBe(200)
    s.child.kill('SIGTERM')
    expect(await s.exited).toBe(0)
    // Silent: nothing but the start-up and shutdown lines.
    expect(s.out()).not.toContain('"method"')
  })
})

describe('process behaviour', () => {
  it('on SIGTERM finishes the request in flight, refuses new connections, and exits 0', async () => {
    const faults = join(dir, 'slow.json')
    writeFileSync(
      faults,
      JSON.stringify([{ path: '/api/items', effect: { type: 'slow_body', chunk_bytes: 4096, interval_ms: 150 } }]),
    )
    const s = await serve(['--port', '0', '--data', join(dir, 'drain'), '--faults', faults])
    const expected = await (await fetch(`${s.base}/api/items?per_page=50`, { headers: { Connection: 'close' } })).text()
    expect(expected.length).toBeGreaterThan(4096 * 3)
    // Headers arrived, the body is still trickling: the request is in flight.
    const res = await fetch(`${s.base}/api/items?per_page=50`)
    expect(res.status).toBe(200)
    s.child.kill('SIGTERM')
    const body = await res.text()
    expect(body).toBe(expected)
    expect(await s.exited).toBe(0)
    expect(s.out()).toMatch(/SIGTERM: finishing 1 request\(s\) in flight/)
    await expect(fetch(`${s.base}/api/site`)).rejects.toThrow()
    // The access log: one JSON line per request, without the key.
    const lines = s
      .out()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatchObject({ method: 'GET', path: '/api/items?per_page=50', status: 200 })
    expect(typeof lines[1]!.duration_ms).toBe('number')
  })

  it('logs request paths without API keys', async () => {
    const s = await serve(['--port', '0', '--data', join(dir, 'log')])
    await (await fetch(`${s.base}/api/items?key=0123456789abcdef0123456789abcdef01234567&page=2`)).text()
    s.child.kill('SIGINT')
    expect(await s.exited).toBe(0)
    const line = s
      .out()
      .split('\n')
      .find((l) => l.startsWith('{'))!
    expect(JSON.parse(line)).toMatchObject({ method: 'GET', path: '/api/items?page=2', status: 403 })
    expect(s.out()).not.toContain('0123456789abcdef')
  })

  it('shows the first-start key only when listening; after a failed first start says how to get one', async () => {
    const blocker: Server = createServer()
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok))
    const port = (blocker.address() as { port: number }).port
    const data = join(dir, 'first')
    const failed = cli(['serve', '--port', String(port), '--data', data])
    expect(await failed.exited).toBe(1)
    await new Promise((ok) => blocker.close(ok))
    expect(failed.out()).not.toContain('shown once')
    expect(failed.out()).toMatch(/cannot listen on 127\.0\.0\.1:\d+: .*omeka-twin key add --user admin --data /)
    const s = await serve(['--port', '0', '--data', data, '--log-level', 'silent'])
    expect(s.out()).toMatch(/failed before its API key was shown; make a key with `omeka-twin key add --user admin/)
    s.child.kill('SIGTERM')
    expect(await s.exited).toBe(0)
  })

  it.each([['export', join('x', 'out')], ['imports'], ['key', 'list']])(
    '`%s` refuses a data dir that does not exist, and does not create it',
    async (...args) => {
      const data = join(dir, `missing-${args[0]}`)
      const run = cli([...args.map((a) => (a.startsWith('x') ? join(dir, a) : a)), '--data', data])
      expect(await run.exited).toBe(1)
      expect(run.out()).toContain(`no omeka-twin data in ${data}`)
      expect(existsSync(data)).toBe(false)
    },
  )
})
