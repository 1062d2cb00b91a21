import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { memoryDeps, openDataDir } from '../src/classic/bootstrap.js'
import { dbStamp } from '../src/classic/statements.js'
import type { Deps } from '../src/classic/deps.js'
import { loadFixture } from '../src/classic/fixtures/load.js'
import { memoryDeps as memorySDeps, openDataDir as openSDataDir } from '../src/omeka-s/bootstrap.js'
import type { Deps as SDeps } from '../src/omeka-s/deps.js'
import { loadFixture as loadSFixture } from '../src/omeka-s/fixtures/load.js'
import { ResetTemplates } from '../src/control/templates.js'
import { stateKey } from '../src/core/http/state-labels.js'

// Fixtures copied from the shared conformance suites (tests never read ../shared).
const FIXTURES = resolve(import.meta.dirname, 'fixtures/shared/conformance')
const SUPER = '5f1c0ffee5f1c0ffee5f1c0ffee5f1c0ffee0001'
const S_KEY = (() => {
  const k = (
    JSON.parse(readFileSync(join(FIXTURES, 's/fixture/keys.json'), 'utf8')) as {
      user_id: number
      key_identity: string
      key_credential: string
    }[]
  )[0]!
  return `key_identity=${k.key_identity}&key_credential=${k.key_credential}`
})()

const temps: string[] = []
const closers: (() => void)[] = []
afterEach(() => {
  for (const c of closers.splice(0)) c()
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A copy of a shared fixture that a test may edit. */
function fixtureCopy(name: 'classic' | 's'): string {
  const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-tpl-fx-'))
  temps.push(dir)
  cpSync(join(FIXTURES, name, 'fixture'), dir, { recursive: true })
  return dir
}

function classicSite(onDisk: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-tpl-'))
  temps.push(dir)
  const deps: Deps = onDisk
    ? openDataDir(join(dir, 'data'), { control: true, maxUploadBytes: 1 << 20 })
    : memoryDeps(join(dir, 'files'))
  closers.push(() => deps.db.$client.close())
  const app = createApp(deps)
  let loads = 0
  const templates = new ResetTemplates(
    {
      db: deps.db.$client,
      filesRoot: deps.files.root,
      wipeFiles: () => deps.files.wipe(),
      afterRestore: () => deps.options.invalidate(),
      health: deps.health,
    },
    () => deps.files.generation,
  )
  const reset = (fx: string) =>
    templates.reset(fx, () => {
      loads++
      loadFixture(deps, fx)
    })
  const api = async (path: string, init?: RequestInit) => {
    const res = await app.request(`http://omeka.test/api${path}${path.includes('?') ? '&' : '?'}key=${SUPER}`, init)
    return { status: res.status, text: await res.text() }
  }
  const file = async (name: string) => {
    const res = await app.request(`http://omeka.test/files/original/${name}`)
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()).toString('base64') }
  }
  return { deps, reset, api, file, loads: () => loads }
}

/** Everything a client can see of the Classic fixture's state (records, search index, settings, a stored file). */
async function classicState(site: ReturnType<typeof classicSite>) {
  const files = JSON.parse((await site.api('/files')).text) as { filename: string }[]
  return {
    items: await site.api('/items'),
    collections: await site.api('/collections'),
    files: await site.api('/files'),
    tags: await site.api('/tags'),
    search: await site.api('/items?search=Jane'),
    site: await site.api('/site'),
    stored: await Promise.all(files.map((f) => site.file(f.filename))),
  }
}

async function changeClassic(site: ReturnType<typeof classicSite>) {
  expect((await site.api('/items/1', { method: 'DELETE' })).status).toBe(204)
  const created = await site.api('/items', {
    method: 'POST',
    body: JSON.stringify({ element_texts: [{ element: { id: 50 }, text: 'Zanzibar Jane', html: false }] }),
  })
  expect(created.status).toBe(201)
  const files = JSON.parse((await site.api('/files')).text) as { id: number }[]
  expect((await site.api(`/files/${files[0]!.id}`, { method: 'DELETE' })).status).toBe(204)
}

describe.each([
  ['a data dir (pages copied)', true],
  ['an in-memory database (rows copied)', false],
])('reset templates, Classic on %s', (_label, onDisk) => {
  it('gives back exactly the fixture after writes, from the template, without reading the fixture again', async () => {
    const fx = fixtureCopy('classic')
    const site = classicSite(onDisk)
    site.reset(fx)
    const loaded = await classicState(site)
    expect(loaded.stored.length).toBeGreaterThan(0)
    expect(loaded.stored.every((s) => s.status === 200)).toBe(true)

    await changeClassic(site)
    expect(await classicState(site)).not.toEqual(loaded)
    site.reset(fx)
    expect(await classicState(site)).toEqual(loaded)
    expect(site.loads()).toBe(1)

    // Ids continue from the fixture's counters, not from the records created before the reset.
    const next = await site.api('/items', { method: 'POST', body: '{}' })
    expect((JSON.parse(next.text) as { id: number }).id).toBe(16)
    site.reset(fx)
    expect(await classicState(site)).toEqual(loaded)
    expect(site.loads()).toBe(1)
  })

  it('reads the fixture again once it was edited', async () => {
    const fx = fixtureCopy('classic')
    const site = classicSite(onDisk)
    site.reset(fx)
    const items = readFileSync(join(fx, 'items.json'), 'utf8')
    writeFileSync(join(fx, 'items.json'), items.replace('Letter from Jane Doe', 'Letter from John Doe'))
    site.reset(fx)
    expect(site.loads()).toBe(2)
    expect((await site.api('/items/1')).text).toContain('Letter from John Doe')
  })
})

describe('reset templates: a reset with nothing written since', () => {
  it('leaves the database untouched (its stamp and so the response cache stay)', async () => {
    const fx = fixtureCopy('classic')
    const site = classicSite(true)
    site.reset(fx)
    site.reset(fx)
    const stamp = dbStamp(site.deps.db)
    await site.api('/items')
    site.reset(fx)
    expect(dbStamp(site.deps.db)).toBe(stamp)
    // A write moves the stamp: the next reset restores the rows, and names the state as before (caches keyed by
    // the name find what they kept for it).
    const named = stateKey(site.deps.db.$client, stamp)
    expect(named).toMatch(/^state:/)
    await site.api('/items/2', { method: 'DELETE' })
    expect(stateKey(site.deps.db.$client, dbStamp(site.deps.db))).not.toBe(named)
    site.reset(fx)
    expect((await site.api('/items/2')).status).toBe(200)
    expect(stateKey(site.deps.db.$client, dbStamp(site.deps.db))).toBe(named)
  })

  it('still restores stored files removed without a database write', async () => {
    const fx = fixtureCopy('classic')
    const site = classicSite(true)
    site.reset(fx)
    const files = JSON.parse((await site.api('/files')).text) as { filename: string }[]
    site.deps.files.deleteAll(files[0]!.filename)
    expect((await site.file(files[0]!.filename)).status).toBe(404)
    site.reset(fx)
    expect((await site.file(files[0]!.filename)).status).toBe(200)
  })
})

function sSite(onDisk: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-tpl-s-'))
  temps.push(dir)
  const deps = memoryDeps(join(dir, 'files'), { flavor: 's' })
  const s: SDeps = onDisk
    ? openSDataDir(join(dir, 'data'), deps.config, '')
    : memorySDeps(join(dir, 'files-s'), deps.config)
  closers.push(() => s.db.$client.close())
  const app = createApp({ config: deps.config, s })
  let loads = 0
  const templates = new ResetTemplates(
    {
      db: s.db.$client,
      filesRoot: s.files.root,
      wipeFiles: () => s.files.wipe(),
      afterRestore: () => undefined,
      health: s.health,
    },
    () => s.files.generation,
  )
  const reset = (fx: string) =>
    templates.reset(fx, () => {
      loads++
      loadSFixture(s, fx)
    })
  const api = async (path: string, init?: RequestInit) => {
    const res = await app.request(`http://omeka.test/api${path}${path.includes('?') ? '&' : '?'}${S_KEY}`, {
      ...init,
      headers: { 'Content-Type': 'application/json' },
    })
    return { status: res.status, text: await res.text() }
  }
  return { reset, api, loads: () => loads }
}

describe.each([
  ['a data dir', true],
  ['an in-memory database', false],
])('reset templates, Omeka S on %s', (_label, onDisk) => {
  it('gives back exactly the fixture after writes, from the template', async () => {
    const fx = fixtureCopy('s')
    const site = sSite(onDisk)
    site.reset(fx)
    const state = async () => ({
      items: await site.api('/items'),
      media: await site.api('/media'),
      sets: await site.api('/item_sets'),
      search: await site.api('/items?fulltext_search=letter'),
    })
    const loaded = await state()
    const created = await site.api('/items', {
      method: 'POST',
      body: JSON.stringify({ 'dcterms:title': [{ type: 'literal', property_id: 1, '@value': 'Zanzibar' }] }),
    })
    expect(created.status).toBe(200)
    const newId = (JSON.parse(created.text) as { 'o:id': number })['o:id']
    expect((await site.api('/items/4', { method: 'DELETE' })).status).toBe(200)
    expect(await state()).not.toEqual(loaded)
    site.reset(fx)
    expect(await state()).toEqual(loaded)
    expect(site.loads()).toBe(1)
    // The id sequence came back too: the same create gets the same id again.
    const again = await site.api('/items', {
      method: 'POST',
      body: JSON.stringify({ 'dcterms:title': [{ type: 'literal', property_id: 1, '@value': 'Zanzibar' }] }),
    })
    expect((JSON.parse(again.text) as { 'o:id': number })['o:id']).toBe(newId)
  })
})
