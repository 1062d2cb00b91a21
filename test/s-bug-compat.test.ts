import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { resolveServeOptions } from '../src/config.js'
import { memoryDeps as memorySDeps } from '../src/omeka-s/bootstrap.js'
import { loadFixture as loadSFixture } from '../src/omeka-s/fixtures/load.js'
import { S_FIXTURE } from './s-recorded.js'

// The bug-compatible switch: `--bug-compat`, OMEKA_TWIN_BUG_COMPAT=1, `"bug_compat"` in PATCH /__admin/settings.

describe('the bug_compat option', () => {
  it('comes from --bug-compat or OMEKA_TWIN_BUG_COMPAT=1, off otherwise', () => {
    expect(resolveServeOptions({}, {}).bugCompat).toBe(false)
    expect(resolveServeOptions({ bugCompat: true }, {}).bugCompat).toBe(true)
    expect(resolveServeOptions({}, { OMEKA_TWIN_BUG_COMPAT: '1' }).bugCompat).toBe(true)
    expect(resolveServeOptions({}, { OMEKA_TWIN_BUG_COMPAT: '0' }).bugCompat).toBe(false)
  })
})

describe('PATCH /__admin/settings {"bug_compat"} on the S flavour', () => {
  let dir: string
  let app: ReturnType<typeof createApp>
  const patch = (body: unknown) =>
    app.request('http://omeka.test/__admin/settings', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  const extraSegment = async () => (await app.request('http://omeka.test/api/items/4/extra')).text()

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'omeka-twin-s-bugcompat-'))
    const s = memorySDeps(join(dir, 's'), { flavor: 's' })
    const deps = { config: s.config, s }
    loadSFixture(deps.s, S_FIXTURE)
    app = createApp(deps)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("switches Omeka's own pages on and off, and answers the contract's settings without the switch", async () => {
    expect(await extraSegment()).not.toContain('Omeka S Oracle')
    const on = await patch({ bug_compat: true })
    expect(on.status).toBe(200)
    const settings = (await on.json()) as Record<string, unknown>
    expect(Object.keys(settings)).not.toContain('bug_compat')
    expect(settings.pagination_per_page).toBe(25)
    expect(await extraSegment()).toContain('<title>Page not found · Omeka S Oracle</title>')
    expect((await patch({ bug_compat: false })).status).toBe(200)
    expect(await extraSegment()).not.toContain('Omeka S Oracle')
  })

  it('refuses a value that is not a boolean, and changes nothing', async () => {
    const res = await patch({ bug_compat: 'yes', pagination_per_page: 3 })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { message: string }).message).toContain('bug_compat')
    expect(
      ((await (await app.request('http://omeka.test/__admin/settings')).json()) as { pagination_per_page: number })
        .pagination_per_page,
    ).toBe(25)
  })
})
