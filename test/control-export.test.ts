import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLASSIC_FIXTURE } from './helpers.js'
import { startRealServer, type RealServer } from './real-server.js'
import { exportSite } from '../src/classic/export/export.js'

let server: RealServer
let out: string

/** Every file under a directory, as relative path → bytes. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else files.set(relative(dir, p), readFileSync(p))
    }
  }
  walk(dir)
  return files
}

const reset = (fixture: string) =>
  fetch(`${server.base}/__admin/reset`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ fixture }),
  })

beforeAll(async () => {
  server = await startRealServer(null)
  out = mkdtempSync(join(tmpdir(), 'omeka-twin-export-'))
})
afterAll(async () => {
  await server.close()
  rmSync(out, { recursive: true, force: true })
})

describe('export', () => {
  it('writes the shipped fixture back byte for byte after loading it (recorded from real Omeka)', async () => {
    expect((await reset(CLASSIC_FIXTURE)).status).toBe(204)
    await exportSite(server.deps, join(out, 'baseline'))
    const expected = tree(CLASSIC_FIXTURE)
    expected.delete('README.md')
    expect(tree(join(out, 'baseline'))).toEqual(expected)
  })

  it('export → reset from it → export again gives identical files (synthetic site with images)', async () => {
    await fetch(`${server.base}/__admin/seed`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ items: 150, files: 5, seed: 11 }),
    })
    const before = await (await fetch(`${server.base}/api/items?page=2`)).text()
    await exportSite(server.deps, join(out, 'first'))
    expect((await reset(join(out, 'first'))).status).toBe(204)
    expect(await (await fetch(`${server.base}/api/items?page=2`)).text()).toBe(before)
    await exportSite(server.deps, join(out, 'second'))
    const first = tree(join(out, 'first'))
    expect(first.size).toBeGreaterThan(15)
    expect(tree(join(out, 'second'))).toEqual(first)
  })

  it('keeps next ids that differ from max(id) + 1 in next_ids.json', async () => {
    expect((await reset(CLASSIC_FIXTURE)).status).toBe(204)
    server.deps.db.$client.prepare('DELETE FROM tags WHERE id = (SELECT MAX(id) FROM tags)').run()
    await exportSite(server.deps, join(out, 'gap'))
    expect(JSON.parse(readFileSync(join(out, 'gap', 'next_ids.json'), 'utf8'))).toEqual({ tags: 8 })
  })

  it('refuses a directory that is not empty', async () => {
    await expect(exportSite(server.deps, join(out, 'gap'))).rejects.toThrow(/not empty/)
  })

  it('works from the command line: seed then export a data dir', () => {
    const data = join(out, 'cli-data')
    const run = (...args: string[]) =>
      execFileSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
        encoding: 'utf8',
        env: { ...process.env, OMEKA_TWIN_DATA: '' },
      })
    expect(run('seed', '--items', '40', '--files', '2', '--seed', '5', '--data', data)).toMatch(/40 items/)
    expect(run('export', join(out, 'cli-fixture'), '--data', data)).toMatch(/40 items/)
    expect(JSON.parse(readFileSync(join(out, 'cli-fixture', 'items.json'), 'utf8'))).toHaveLength(40)
    expect(readdirSync(join(out, 'cli-fixture', 'files', 'original'))).toHaveLength(2)
  })
})
