import { afterEach, describe, expect, it } from 'vitest'
import { jsonBody, KEYS, ORIGIN } from './helpers.js'
import { startOrigin, startTarget, type Origin, type Target } from './import-harness.js'
import { runImport } from '../src/classic/importer/engine.js'
import { findRun, insertRun, updateRun } from '../src/classic/importer/runs.repo.js'
import { canonicalOrigin } from '../src/core/import/origin.js'

const q = `key=${KEYS.super}`
let origin: Origin
let target: Target
afterEach(async () => {
  target?.close()
  await origin?.close()
})

async function dump(side: 'origin' | 'target', resource: string): Promise<any[]> {
  const body =
    side === 'origin'
      ? await (await fetch(`${origin.endpoint}/${resource}?per_page=50&${q}`)).json()
      : (await target.json(`/api/${resource}?per_page=50&${q}`)).body
  const base = side === 'origin' ? origin.endpoint.replace(/\/api$/, '') : ORIGIN
  return JSON.parse(JSON.stringify(body).split(base).join('<site>'))
}

/** What must be equal between origin and target after a mirror import, whatever happened on the way. */
async function expectClone() {
  for (const resource of ['items', 'collections', 'files'])
    expect(await dump('target', resource)).toEqual(await dump('origin', resource))
}

const options = {
  mode: 'mirror' as const,
  override_element_sets: false,
  import_users: true,
  dry_run: false,
  full: false,
  authenticated: true,
}

function newRun(): number {
  return insertRun(target.deps.db, {
    endpoint: origin.endpoint,
    origin: canonicalOrigin(origin.endpoint),
    omekaUrl: null,
    options,
    ownerId: 1,
  })
}

describe('import: robustness', () => {
  it('against an origin failing ~10% of requests (500, 429, dropped connections) gives the same result, retries counted', async () => {
    origin = await startOrigin({ rate: 0.1, latencyMs: 5, seed: 7 })
    target = startTarget()
    const r = await target.json(
      `/api/imports?${q}`,
      jsonBody('POST', { endpoint: origin.endpoint, key: KEYS.super, mode: 'mirror' }),
    )
    expect(r.status).toBe(201)
    const run = (await target.json(`/api/imports/${r.body.id}?${q}`)).body
    expect(run.status).toBe('completed')
    expect(origin.faulted).toBeGreaterThan(0)
    expect(run.retries).toBeGreaterThanOrEqual(origin.faulted - 1)
    await expectClone()
  })

  it('a run interrupted after some records resumes to the same final state, with no duplicates', async () => {
    origin = await startOrigin()
    target = startTarget()
    const id = newRun()
    const abort = new AbortController()
    await runImport(target.deps, id, {
      key: KEYS.super,
      signal: abort.signal,
      fallbackOwner: 1,
      client: { perPage: 4 },
      progress: (resource, c) => resource === 'items' && c.items.created >= 4 && abort.abort('crash'),
    })
    const interrupted = findRun(target.deps.db, id)!
    expect(interrupted.status).toBe('interrupted')
    expect(interrupted.cursor?.resource).toBe('items')
    expect((await target.json(`/api/items?${q}`)).body.length).toBeLessThan(15)
    expect((await target.json(`/api/imports/${id}?${q}`)).body.resumable).toBe(true)
    // Issue 14: a keyed run resumed without the key would skip every private record and say completed.
    const keyless = await target.json(`/api/imports/${id}?${q}`, jsonBody('PUT', { status: 'running' }))
    expect(keyless.status).toBe(400)
    expect(keyless.body.message).toMatch(/^Import \d+ was started with an API key; resuming it without one/)
    expect(findRun(target.deps.db, id)!.status).toBe('interrupted')
    const resumed = await target.json(
      `/api/imports/${id}?${q}`,
      jsonBody('PUT', { status: 'running', key: KEYS.super }),
    )
    expect(resumed.status).toBe(200)
    expect(findRun(target.deps.db, id)!.status).toBe('completed')
    await expectClone()
  })

  it('records deleted before the checkpoint and added after it at the origin between pages shift nothing on resume', async () => {
    origin = await startOrigin()
    target = startTarget()
    const id = newRun()
    const abort = new AbortController()
    await runImport(target.deps, id, {
      key: KEYS.super,
      signal: abort.signal,
      fallbackOwner: 1,
      client: { perPage: 4 },
      progress: (r, c) => r === 'items' && c.items.created >= 8 && abort.abort('crash'),
    })
    expect(findRun(target.deps.db, id)!.status).toBe('interrupted')
    // Two items of the pages already read go, one is added: page numbers would now skip two records.
    const origins = (await (await fetch(`${origin.endpoint}/items?per_page=50&${q}`)).json()) as { id: number }[]
    for (const item of origins.slice(0, 2))
      expect((await fetch(`${origin.endpoint}/items/${item.id}?${q}`, { method: 'DELETE' })).status).toBe(204)
    const added = await fetch(`${origin.endpoint}/items?${q}`, jsonBody('POST', { public: true, element_texts: [] }))
    expect(added.status).toBe(201)
    const resumed = await target.json(
      `/api/imports/${id}?${q}`,
      jsonBody('PUT', { status: 'running', key: KEYS.super }),
    )
    expect(resumed.status).toBe(200)
    expect(findRun(target.deps.db, id)!.status).toBe('completed')
    await expectClone()
  })

  it('a crashed run whose checkpoint lags behind its writes replays without duplicates (POST resumes it)', async () => {
    origin = await startOrigin()
    target = startTarget()
    const id = newRun()
    const abort = new AbortController()
    await runImport(target.deps, id, {
      key: KEYS.super,
      signal: abort.signal,
      fallbackOwner: 1,
      client: { perPage: 4 },
      progress: (r, c) => r === 'files' && c.files.created >= 1 && abort.abort('kill -9'),
    })
    // As if the process died before the checkpoint of the last pages was written.
    updateRun(target.deps.db, id, {
      status: 'running',
      cursor: { resource: 'items', url: `${origin.endpoint}/items?page=2&per_page=4` },
    })
    const r = await target.json(
      `/api/imports?${q}`,
      jsonBody('POST', { endpoint: origin.endpoint, key: KEYS.super, mode: 'mirror' }),
    )
    expect(r.body.id).toBe(id)
    expect(findRun(target.deps.db, id)!.status).toBe('completed')
    expect(target.deps.db.$client.prepare('SELECT COUNT(*) AS n FROM items').get()).toEqual({ n: 15 })
    expect(target.deps.db.$client.prepare('SELECT COUNT(*) AS n FROM files').get()).toEqual({ n: 6 })
    await expectClone()
  })

  it('cancels cooperatively and refuses a second active run for the same origin', async () => {
    origin = await startOrigin({ rate: 0, latencyMs: 30 })
    target = startTarget(undefined, false)
    const first = await target.json(
      `/api/imports?${q}`,
      jsonBody('POST', { endpoint: origin.endpoint, key: KEYS.super }),
    )
    const second = await target.json(
      `/api/imports?${q}`,
      jsonBody('POST', { endpoint: `${origin.endpoint.replace('127.0.0.1', '127.0.0.1')}/`, key: KEYS.super }),
    )
    expect(second.status).toBe(409)
    const cancel = await target.json(`/api/imports/${first.body.id}?${q}`, jsonBody('PUT', { status: 'cancelled' }))
    expect(cancel.status).toBe(200)
    await target.jobs.idle()
    expect((await target.json(`/api/imports/${first.body.id}?${q}`)).body.status).toBe('cancelled')
  })

  it('logs a failed download with its reason and ends completed_with_errors', async () => {
    origin = await startOrigin()
    target = startTarget()
    const name = (
      origin.deps.db.$client.prepare('SELECT filename FROM files WHERE id = 1').get() as { filename: string }
    ).filename
    origin.deps.files.deleteAll(name)
    const r = await target.json(`/api/imports?${q}`, jsonBody('POST', { endpoint: origin.endpoint, key: KEYS.super }))
    expect(r.body.status).toBe('completed_with_errors')
    const failed = (await target.json(`/api/import_records?import=${r.body.id}&outcome=failed&${q}`)).body
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({ resource: 'files', remote_id: 1, outcome: 'failed' })
    expect(failed[0].message).toMatch(/404/)
  })
})
