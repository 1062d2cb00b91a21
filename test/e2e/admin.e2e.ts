import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  axeScan,
  launch,
  screenshot,
  SHOTS,
  startServer,
  tabTo,
  textOf,
  waitForText,
  type AxeViolation,
  type Server,
} from './harness.js'

// The admin page in a real headless Chromium: a target omeka-twin (--control) imports from a second one.
let target: Server
let origin: Server
let browser: Awaited<ReturnType<typeof launch>>
const scanned: { page: string; violations: AxeViolation[] }[] = []

beforeAll(async () => {
  ;[target, origin] = await Promise.all([startServer(['--control', '--empty']), startServer()])
  browser = await launch()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await Promise.all([target?.stop(), origin?.stop()])
})

const items = async (server: Server) =>
  Number((await fetch(`${server.url}/api/items?key=${server.key}&per_page=1`)).headers.get('Omeka-Total-Results'))

async function scan(page: Page, name: string) {
  scanned.push({ page: name, violations: await axeScan(page) })
}

/** Waits until the run page shows a status (the page follows the run by server-sent events, then reloads). */
async function waitForStatus(page: Page, status: string) {
  await page.locator('#progress[data-final="1"]').waitFor({ timeout: 60_000 })
  await waitForText(page.locator('#run-status'), status)
}

describe('the admin page in headless Chromium', () => {
  it('signs in, imports from a second omeka-twin to completed, opens the report and undoes it', async () => {
    const page = await browser.context.newPage()
    const before = await items(target)
    await page.goto(`${target.url}/admin`)
    expect(page.url()).toBe(`${target.url}/admin/login`)
    await scan(page, 'login')
    await page.getByLabel('API key (Omeka Classic)').fill('0'.repeat(40))
    await page.getByRole('button', { name: 'Sign in' }).click()
    await waitForText(page.getByRole('alert'), 'Invalid key.')
    await page.getByLabel('API key (Omeka Classic)').fill(target.key)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor()
    // The key is in a session, not in a URL or a readable cookie.
    const cookies = await browser.context.cookies(`${target.url}/admin`)
    expect(
      cookies.map((c) => ({ name: c.name, httpOnly: c.httpOnly, secure: c.secure, sameSite: c.sameSite })),
    ).toEqual([{ name: 'omeka_twin_admin', httpOnly: true, secure: true, sameSite: 'Strict' }])
    expect(cookies[0]!.value).not.toContain(target.key)
    await scan(page, 'history (empty)')

    await page.getByRole('link', { name: 'New import' }).first().click()
    await scan(page, 'wizard: origin')
    await page.getByLabel('Origin URL').fill(`${origin.url}/api`)
    await page.getByLabel('Origin API key (Omeka Classic, optional)').fill(origin.key)
    await page.getByRole('button', { name: 'Check the origin' }).click()
    await waitForText(page.locator('#origin-flavor'), 'Omeka Classic')
    await waitForText(page.locator('#origin-version'), '3.2.1')
    await page.getByRole('row', { name: /^items 15$/ }).waitFor()
    await scan(page, 'wizard: pre-flight and options')
    await screenshot(page, '1-preflight')
    expect(page.url()).not.toContain(origin.key)

    await page.getByRole('button', { name: 'Start the import' }).click()
    await page.getByRole('heading', { name: /^Import run \d+$/ }).waitFor()
    await waitForStatus(page, 'completed')
    await waitForText(page.locator('tr[data-resource="items"] [data-field="done"]'), '15 / 15')
    expect(await items(target)).toBe(before + 15)
    await scan(page, 'run (completed)')
    await screenshot(page, '2-run-completed')

    await page.getByRole('link', { name: 'Open the report' }).click()
    await page.getByRole('heading', { name: /^Report of import run \d+$/ }).waitFor()
    await page.getByLabel('Show records').selectOption('created')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.getByRole('table', { name: 'Records: created' }).waitFor()
    await scan(page, 'report')
    await screenshot(page, '3-report')

    await page.getByRole('link', { name: 'Back to the run' }).click()
    await page.getByRole('link', { name: 'Undo…' }).click()
    expect(Number(await textOf(page.locator('#undo-summary strong')))).toBeGreaterThan(0)
    await page.getByRole('row', { name: /^items 15$/ }).waitFor()
    // The per-resource lines add up to the total the preview announces.
    const lines = await page
      .getByRole('table', { name: 'Records undo will delete, per resource' })
      .locator('tbody td')
      .allTextContents()
    expect(lines.reduce((n, x) => n + Number(x), 0)).toBe(Number(await textOf(page.locator('#undo-summary strong'))))
    await scan(page, 'undo preview')
    await screenshot(page, '4-undo-preview')
    await page.getByRole('button', { name: 'Undo the import' }).click()
    await waitForStatus(page, 'undone')
    expect(await items(target)).toBe(before)

    await page.getByRole('link', { name: 'Imports', exact: true }).click()
    expect(await textOf(page.getByRole('table', { name: 'Import runs, newest first' }))).toContain('undone')
    await scan(page, 'history')
    await page.close()
  })

  it('does the same by keyboard only', async () => {
    const context = (await browser.context.browser()?.newContext()) ?? browser.context
    const page = await context.newPage()
    // A fresh sign-in: this page shares no cookie with the first one only if the context is new; sign out first.
    await page.goto(`${target.url}/admin`)
    if (!page.url().endsWith('/admin/login')) {
      await tabTo(page, (el) => el.tag === 'button' && el.label === 'Sign out')
      await page.keyboard.press('Enter')
      await page.waitForURL(`${target.url}/admin/login`)
    }
    await tabTo(page, (el) => el.name === 'key')
    await page.keyboard.type(target.key)
    await page.keyboard.press('Enter')
    await page.waitForURL(`${target.url}/admin`)

    await tabTo(page, (el) => el.tag === 'a' && el.label === 'New import')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${target.url}/admin/imports/new`)
    await tabTo(page, (el) => el.name === 'endpoint')
    await page.keyboard.type(`${origin.url}/api`)
    await tabTo(page, (el) => el.name === 'key')
    await page.keyboard.type(origin.key)
    await page.keyboard.press('Enter')
    await page.locator('#origin-version').waitFor()
    await tabTo(page, (el) => el.tag === 'button' && el.label === 'Start the import')
    await page.keyboard.press('Enter')
    await waitForStatus(page, 'completed')

    await tabTo(page, (el) => el.tag === 'a' && el.label === 'Open the report')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: /^Report of import run \d+$/ }).waitFor()
    await tabTo(page, (el) => el.tag === 'a' && el.label === 'Back to the run')
    await page.keyboard.press('Enter')
    await page.locator('#run-status').waitFor()
    await tabTo(page, (el) => el.tag === 'a' && el.label === 'Undo…')
    await page.keyboard.press('Enter')
    await page.locator('#undo-summary').waitFor()
    await tabTo(page, (el) => el.tag === 'button' && el.label === 'Undo the import')
    await page.keyboard.press('Enter')
    await waitForStatus(page, 'undone')
    await screenshot(page, '5-keyboard-undone')
    await page.close()
  })

  it('browses items with thumbnails, searches and pages, and shows the control plane', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${target.url}/admin`)
    if (page.url().endsWith('/admin/login')) {
      await page.getByLabel('API key (Omeka Classic)').fill(target.key)
      await page.getByRole('button', { name: 'Sign in' }).click()
    }
    // Import once more (kept) so there is something to browse.
    await page.goto(`${target.url}/admin/imports/new`)
    await page.getByLabel('Origin URL').fill(`${origin.url}/api`)
    await page.getByLabel('Origin API key (Omeka Classic, optional)').fill(origin.key)
    await page.getByRole('button', { name: 'Check the origin' }).click()
    await page.getByRole('button', { name: 'Start the import' }).click()
    await waitForStatus(page, 'completed')

    await page.getByRole('link', { name: 'Browse' }).click()
    await waitForText(page.locator('#browse-total'), '15 records')
    await page.locator('.card img').first().waitFor()
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.card img')].every((i) => (i as HTMLImageElement).complete),
    )
    const loaded = await page
      .locator('.card img')
      .evaluateAll((imgs) => imgs.map((i) => `${(i as HTMLImageElement).naturalWidth} ${(i as HTMLImageElement).src}`))
    expect(loaded.length).toBeGreaterThan(0)
    expect(loaded.filter((w) => w.startsWith('0 '))).toEqual([])
    await scan(page, 'browse items')
    await screenshot(page, '6-browse-items')
    await page.getByRole('link', { name: 'Next page' }).click()
    await waitForText(page.locator('.pager [aria-current="page"]'), 'Page 2 of 2')
    expect(await page.locator('.card').count()).toBe(3)
    await page.getByLabel('Search items').fill('zzzz-no-such-thing')
    await page.getByRole('button', { name: 'Search' }).click()
    await waitForText(page.locator('#browse-total'), '0 records matching "zzzz-no-such-thing"')
    await page.getByRole('link', { name: 'Files' }).click()
    await waitForText(page.locator('#browse-total'), '6 records')

    await page.getByRole('link', { name: 'Control plane' }).click()
    await page.getByLabel('Name').fill('after-import')
    await page.getByRole('button', { name: 'Save a snapshot' }).click()
    await waitForText(page.getByRole('status'), 'Snapshot "after-import" saved.')
    expect(await textOf(page.getByRole('table', { name: 'Saved snapshots' }))).toContain('after-import')
    expect(await textOf(page.getByRole('table', { name: /^The latest requests/ }))).toContain('/api/imports')
    await scan(page, 'control plane')
    await screenshot(page, '7-control-plane')

    // The API reference: Swagger UI, served by this server, renders the documents.
    await page.getByRole('link', { name: 'API reference' }).click()
    await page.getByRole('heading', { name: /^Omeka Classic REST API \(omeka-twin\)/ }).waitFor({ timeout: 30_000 })
    await page.getByText('/api/items/{id}', { exact: true }).first().waitFor()
    await screenshot(page, '8-api-reference')
    await page.close()
  })

  it('has no serious or critical accessibility violations (axe-core) on any page it visited', () => {
    expect(scanned.length).toBeGreaterThanOrEqual(10)
    // Every finding, of any impact, is kept beside the screenshots for a person to read.
    writeFileSync(join(SHOTS, 'axe.json'), JSON.stringify(scanned, null, 2))
    const serious = scanned.flatMap((s) =>
      s.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${s.page}: ${v.id} (${v.help}) at ${JSON.stringify(v.nodes.map((n) => n.target))}`),
    )
    expect(serious).toEqual([])
  })
})
