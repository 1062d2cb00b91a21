import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runImportById as runSImport } from '../src/omeka-s/importer/engine.js'
import {
  findRun as findSRun,
  insertRun as insertSRun,
  updateRun as updateSRun,
} from '../src/omeka-s/importer/runs.repo.js'
import { canonicalOrigin } from '../src/core/import/origin.js'
import { expectMirror, fixture, S_ADMIN, S_FIXTURE, startImport, useSites, type SSite } from './import-s-harness.js'

const { pair } = useSites()
const options = {
  mode: 'mirror' as const,
  dry_run: false,
  import_users: true,
  tags_property: 'dcterms:subject',
  authenticated: true,
}
const key = { identity: S_ADMIN.identity, credential: S_ADMIN.credential }

function newRun(target: SSite, origin: SSite): number {
  const endpoint = `${origin.base}/api`
  return insertSRun(target.deps.db, {
    endpoint,
    origin: `s:${canonicalOrigin(endpoint)}`,
    fromFlavor: 's',
    options,
    ownerId: 1,
  })
}

const count = (site: SSite, table: string) =>
  (site.deps.db.$client.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n

/** The stored originals are the origin's bytes. */
function expectBytes(target: SSite) {
  for (const m of fixture('media').filter((m) => m['o:filename']))
    expect(readFileSync(target.deps.files.path('original', m['o:filename']))).toEqual(
      readFileSync(join(S_FIXTURE, 'files/original', m['o:filename'])),
    )
}

describe('S import: robustness', () => {
  it('against an origin failing ~15% of requests (latency, 500, 429 with Retry-After, dropped connections) gives the same result, retries counted', async () => {
    const faults = { rate: 0.15, latencyMs: 5, seed: 11 }
    const { origin, target } = await pair(faults)
    const r = await startImport(target, origin, { mode: 'mirror' })
    expect(r.status).toBe(200)
    expect(r.body.status).toBe('completed')
    expect(origin.faulted).toBeGreaterThan(0)
    expect(r.body.retries).toBeGreaterThanOrEqual(origin.faulted - 1)
    faults.rate = 0
    await expectMirror(origin, target)
    expectBytes(target)
  })

  it('a run killed mid-way resumes to the same final state, with each record once', async () => {
    const { origin, target } = await pair()
    const id = newRun(target, origin)
    const abort = new AbortController()
    const crash = (resource: string, c: any) => resource === 'items' && c.items.created >= 6 && abort.abort('kill')
    await runSImport(target.deps, id, {
      key,
      signal: abort.signal,
      fallbackOwner: 1,
      client: { perPage: 4, baseDelayMs: 5 },
      progress: crash,
    })
    const killed = findSRun(target.deps.db, id)!
    expect(killed.status).toBe('interrupted')
    expect(killed.cursor?.resource).toBe('items')
    expect(count(target, 'item')).toBeLessThan(15)
    const resumed = await startImport(target, origin, { mode: 'mirror' })
    expect(resumed.body['o:id']).toBe(id)
    expect(resumed.body.status).toBe('completed')
    expect(resumed.body.counters.items.created).toBe(15)
    await expectMirror(origin, target)
    expectBytes(target)
  })

  it('a crashed run whose checkpoint lags behind its writes replays without duplicates', async () => {
    const { origin, target } = await pair()
    const id = newRun(target, origin)
    const abort = new AbortController()
    const crash = (resource: string, c: any) => resource === 'media' && c.media.created >= 2 && abort.abort('kill -9')
    await runSImport(target.deps, id, {
      key,
      signal: abort.signal,
      fallbackOwner: 1,
      client: { perPage: 4, baseDelayMs: 5 },
      progress: crash,
    })
    // As if the process died before the checkpoints of the last pages were written.
    updateSRun(target.deps.db, id, {
      status: 'running',
      cursor: { resource: 'items', url: `${origin.base}/api/items?page=2&per_page=4` },
    })
    const resumed = await startImport(target, origin, { mode: 'mirror' })
    expect(resumed.body['o:id']).toBe(id)
    expect(resumed.body.status).toBe('completed')
    expect([count(target, 'item'), count(target, 'media'), count(target, 'item_set')]).toEqual([15, 6, 3])
    await expectMirror(origin, target)
  })
})
