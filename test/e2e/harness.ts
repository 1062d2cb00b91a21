import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core'

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
/** Where the run saves its screenshots (kept after the run). */
export const SHOTS = join(ROOT, 'test-results', 'e2e')

/** A port for a server: from E2E_PORT_BASE upwards when set (sandboxes with assigned ports), else a free one. */
let nextPort = Number(process.env.E2E_PORT_BASE ?? 0)
export async function freePort(): Promise<number> {
  if (nextPort) return nextPort++
  return new Promise((done, fail) => {
    const s = createServer()
    s.on('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => done(port))
    })
  })
}

export interface Server {
  url: string
  /** The key printed once at the first start (Classic super user); '' for `--flavor s`. */
  key: string
  /** The Omeka S global admin's key pair printed once (`--flavor s|both`). */
  sKey: { identity: string; credential: string } | null
  process: ChildProcess
  dataDir: string
  stop(): Promise<void>
}

/** Starts the compiled omeka-twin (`npm run build` first) on a loopback port with a fresh data dir. */
export async function startServer(args: string[] = []): Promise<Server> {
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'omeka-twin-e2e-'))
  const child = spawn(
    process.execPath,
    [join(ROOT, 'dist/main.js'), 'serve', '--host', '127.0.0.1', '--port', String(port), '--data', dataDir, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const url = `http://127.0.0.1:${port}`
  const sOnly = args.includes('s') && args[args.indexOf('s') - 1] === '--flavor'
  const printed = () =>
    (sOnly ? /key_identity=\S+ key_credential=\S+/ : /API key \(shown once\): [0-9a-f]{40}/).test(out)
  for (let i = 0; i < 200; i++) {
    if (
      printed() &&
      (await fetch(`${url}${sOnly ? '/api-context' : '/api/site'}`).then(
        (r) => r.ok,
        () => false,
      ))
    )
      break
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  if (!printed()) throw new Error(`server did not start: ${out}`)
  const key = /API key \(shown once\): ([0-9a-f]{40})/.exec(out)?.[1] ?? ''
  const pair = /key_identity=(\S+) key_credential=(\S+)/.exec(out)
  return {
    url,
    key,
    sKey: pair ? { identity: pair[1]!, credential: pair[2]! } : null,
    process: child,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await new Promise((r) => child.once('exit', r))
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Debian's chromium (scripts/install-chromium.sh installs it), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const hasChromium = () => existsSync(CHROMIUM)

/** A headless Chromium with an empty profile and no background traffic. */
export async function launch(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'omeka-twin-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true })
  const path = join(SHOTS, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

/** axe-core's WCAG 2.x A/AA scan of the page as it is (run through the DevTools protocol: no CSP exception needed). */
export async function axeScan(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE)
  return page.evaluate(async () => {
    const axe = (globalThis as any).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    })
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: any) => ({ target: n.target })),
    }))
  })
}

/**
 * Keyboard only: presses Tab until the focused element matches, then returns. Fails after `max` presses,
 * so an element that cannot be reached by keyboard fails the test.
 */
export async function tabTo(
  page: Page,
  matches: (el: { tag: string; label: string; name: string; type: string }) => boolean,
  max = 40,
): Promise<void> {
  await page.waitForLoadState('load')
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement | null
      if (!a) return { tag: '', label: '', name: '', type: '' }
      const labelled = a.id
        ? document.querySelector(`label[for="${a.id}"]`)?.textContent
        : a.closest('label')?.textContent
      return {
        tag: a.tagName.toLowerCase(),
        label: (labelled ?? a.textContent ?? '').trim(),
        name: a.getAttribute('name') ?? '',
        type: a.getAttribute('type') ?? '',
      }
    })
    if (matches(el)) return
  }
  throw new Error('not reachable by Tab')
}

/** The trimmed text of an element once it is visible (waits for it). */
export async function textOf(locator: Locator): Promise<string> {
  await locator.first().waitFor({ timeout: 30_000 })
  return ((await locator.first().textContent()) ?? '').trim()
}

/** Waits until an element shows exactly this text (live pages change under the test). */
export async function waitForText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 60_000 })
  expectEqual(await textOf(locator), text)
}

function expectEqual(actual: string, expected: string) {
  if (actual !== expected) throw new Error(`expected "${expected}", got "${actual}"`)
}
