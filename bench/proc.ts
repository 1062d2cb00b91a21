import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** The repository root (bench/ lives directly under it). */
export const ROOT = resolve(import.meta.dirname, '..')
export const ORIGIN_BIG = resolve(ROOT, '../shared/bench/origin-big')
/** Words that match part of origin-big: 200 items mention a census, 27 carry this tag. */
export const ORIGIN_BIG_TERMS = { search: 'census', tag: 'tag-017-harbor' }

/** The super user's API key of origin-big (user 1 in keys.json). */
export function superKey(): string {
  const keys = JSON.parse(readFileSync(join(ORIGIN_BIG, 'keys.json'), 'utf8')) as { user_id: number; key: string }[]
  return keys.find((k) => k.user_id === 1)!.key
}

let nextPort = Number(process.env.OMEKA_TWIN_BENCH_PORT) || 0

/** A free loopback port: the next from OMEKA_TWIN_BENCH_PORT on when it is set (a shared machine), else the OS's pick. */
export function freePort(): Promise<number> {
  if (nextPort) return Promise.resolve(nextPort++)
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      s.close(() => ok(port))
    })
  })
}

/** A fresh temporary directory; removed by `cleanup()`. */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `omeka-twin-bench-${label}-`))
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** Peak resident set size (VmHWM) of a live process, in MiB; 0 once it has gone. */
export function peakRssMiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : 0
  } catch {
    return 0
  }
}

/** CPU time (user + system) a live process has used so far, in milliseconds (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return 0
  }
}

/** Runs the omeka-twin CLI (`node --import tsx src/main.ts …`) as a child process. */
export function cli(args: string[], extraNodeArgs: string[] = []): ChildProcess {
  // dist/ is built by `npm run bench` (prebench): measured as users run it, without a TypeScript loader.
  return spawn(process.execPath, [...extraNodeArgs, 'dist/main.js', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** Polls a child's VmHWM until it exits, so the peak survives the process; resolves with exit code and output. */
export function finish(child: ChildProcess): Promise<{ code: number | null; peakMiB: number; output: string }> {
  let peak = 0
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const timer = setInterval(() => (peak = Math.max(peak, child.pid ? peakRssMiB(child.pid) : 0)), 25)
  return new Promise((ok) =>
    child.once('exit', (code) => {
      clearInterval(timer)
      ok({ code, peakMiB: peak, output })
    }),
  )
}

/** Waits until `url` answers with any HTTP status; returns the milliseconds it took from `since`. */
export async function waitForHttp(url: string, since: number, timeoutMs = 300_000): Promise<number> {
  for (;;) {
    try {
      await fetch(url)
      return performance.now() - since
    } catch {
      if (performance.now() - since > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 5))
    }
  }
}

export interface RunningServer {
  base: string
  pid: number
  /** Milliseconds from spawn to the first answered request. */
  startMs: number
  /** The server's CPU time until its first answer (ticks of 10 ms). */
  startCpuMs: number
  stop(): Promise<void>
}

/** Starts `omeka-twin serve` on a free loopback port and waits for its first answer. */
export async function startServer(
  dataDir: string,
  opts: { fixture?: string; empty?: boolean; nodeArgs?: string[]; flavor?: 'classic' | 's'; control?: boolean } = {},
): Promise<RunningServer> {
  const port = await freePort()
  // No access log: the benchmark measures the API, not a line per request on a pipe.
  const args = ['serve', '--port', String(port), '--data', dataDir, '--log-level', 'silent']
  if (opts.fixture) args.push('--fixture', opts.fixture)
  if (opts.empty) args.push('--empty')
  if (opts.flavor) args.push('--flavor', opts.flavor)
  if (opts.control) args.push('--control')
  const t0 = performance.now()
  const child = cli(args, opts.nodeArgs ?? [])
  let log = ''
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()))
  const exited = new Promise<never>((_, fail) =>
    child.once('exit', (code) => fail(new Error(`server exited (${code}): ${log.slice(-2000)}`))),
  )
  const base = `http://127.0.0.1:${port}`
  const startMs = await Promise.race([
    waitForHttp(`${base}${opts.flavor === 's' ? '/api-context' : '/api/site'}`, t0),
    exited,
  ])
  exited.catch(() => undefined)
  return {
    base,
    pid: child.pid!,
    startMs,
    startCpuMs: cpuMs(child.pid!),
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok()
        child.removeAllListeners('exit')
        child.once('exit', () => ok())
        child.kill('SIGINT')
      }),
  }
}

/** Whether the CLI offers a command (the import and seed commands are being written concurrently). */
export async function hasCommand(name: string): Promise<boolean> {
  const res = await finish(cli(['--help']))
  return new RegExp(`^\\s+${name}\\b`, 'm').test(res.output)
}
