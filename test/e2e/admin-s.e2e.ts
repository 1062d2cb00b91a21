import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeScan, launch, screenshot, startServer, textOf, waitForText, type Server } from './harness.js'

// The same page on the Omeka S flavour: a global admin imports from a second omeka-twin serving Omeka S.
let target: Server
let origin: Server
let browser: Awaited<ReturnType<typeof launch>>

beforeAll(async () => {
  ;[target, origin] = await Promise.all([
    startServer(['--flavor', 's', '--control', '--empty']),
    startServer(['--flavor', 's']),
  ])
  browser = await launch()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await Promise.all([target?.stop(), origin?.stop()])
})

const items = async (server: Server) =>
  Number(
    (
      await fetch(
        `${server.url}/api/items?key_identity=${server.sKey!.identity}&key_credential=${server.sKey!.credential}&per_page=1`,
      )
    ).headers.get('Omeka-S-Total-Results'),
  )

describe('the admin page on the Omeka S flavour', () => {
  it('signs a global admin in, imports S → S to completed, browses the items and undoes the import', async () => {
    const page = await browser.context.newPage()
    const before = await items(target)
    await page.goto(`${target.url}/admin`)
    await page.getByLabel('Key identity (Omeka S)').fill(target.sKey!.identity)
    await page.getByLabel('Key credential (Omeka S)').fill(target.sKey!.credential)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor()

    await page.getByRole('link', { name: 'New import' }).first().click()
    await page.getByLabel('Origin URL').fill(`${origin.url}/api`)
    await page.getByLabel('Origin key identity (Omeka S, optional)').fill(origin.sKey!.identity)
    await page.getByLabel('Origin key credential (Omeka S, optional)').fill(origin.sKey!.credential)
    await page.getByRole('button', { name: 'Check the origin' }).click()
    await waitForText(page.locator('#origin-flavor'), 'Omeka S')
    await waitForText(page.locator('#origin-version'), '4.2.0')
    await page.getByRole('row', { name: /^items 3$/ }).waitFor()
    await page.getByRole('button', { name: 'Start the import' }).click()
    await page.locator('#progress[data-final="1"]').waitFor({ timeout: 60_000 })
    await waitForText(page.locator('#run-status'), 'completed')
    expect(await items(target)).toBe(before + 3)
    await screenshot(page, 's-1-run-completed')

    await page.getByRole('link', { name: 'Browse' }).click()
    await waitForText(page.locator('#browse-total'), '3 records')
    await page.getByRole('link', { name: 'Media' }).click()
    await page.locator('.card img').first().waitFor()
    await screenshot(page, 's-2-browse-media')
    const violations = (await axeScan(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(violations.map((v) => v.id)).toEqual([])

    await page.getByRole('link', { name: 'Imports', exact: true }).click()
    await page
      .getByRole('link', { name: /^Run \d+$/ })
      .first()
      .click()
    await page.getByRole('link', { name: 'Undo…' }).click()
    expect(Number(await textOf(page.locator('#undo-summary strong')))).toBeGreaterThan(0)
    await page.getByRole('button', { name: 'Undo the import' }).click()
    await page.locator('#progress[data-final="1"]').waitFor({ timeout: 60_000 })
    await waitForText(page.locator('#run-status'), 'undone')
    expect(await items(target)).toBe(before)
    await page.close()
  })
})
