import { afterEach, describe, expect, it } from 'vitest'
import {
  startContractOrigin,
  startContractTarget,
  type ContractOrigin,
  type ContractTarget,
} from './import-contract.harness.js'

// One contract for the import kernel, run in every direction it serves: what a user relies on
// whichever flavour they import from and into.

const DIRECTIONS = [
  { name: 'Classic → Classic', from: 'classic', to: 'classic' },
  { name: 'Omeka S → Omeka S', from: 's', to: 's' },
  { name: 'Classic → Omeka S', from: 'classic', to: 's' },
] as const

describe.each(DIRECTIONS)('import contract: $name', ({ from, to }) => {
  let origin: ContractOrigin
  let target: ContractTarget
  afterEach(async () => {
    target?.close()
    await origin?.close()
  })
  async function sides() {
    origin = await startContractOrigin(from)
    target = startContractTarget(to)
  }
  const start = (options: Record<string, unknown> = {}, progress?: (resource: string, counters: any) => void) =>
    target.jobs.start({
      endpoint: origin.endpoint,
      fromFlavor: from,
      key: origin.key,
      options: target.options(options),
      ownerId: null,
      self: null,
      ...(progress ? { progress } : {}),
    })
  const failures = (runId: number) => target.jobs.store.searchRecords({ runId, outcome: 'failed' }, 1, 100).rows

  it('creates every item the key sees, each once, and ends completed', async () => {
    await sides()
    const want = await origin.itemCount()
    expect(want).toBeGreaterThan(4)
    expect(target.itemCount()).toBe(0)
    const run = await start()
    expect(failures(run.id)).toEqual([])
    expect(run.status).toBe('completed')
    expect(run.counters.items).toMatchObject({ total: want, created: want, failed: 0 })
    expect(target.itemCount()).toBe(want)
  })

  it('a full re-import of an unchanged origin creates and updates nothing', async () => {
    await sides()
    const first = await start()
    const second = await start({ full: true })
    expect(second.id).not.toBe(first.id)
    expect(second.status).toBe('completed')
    expect(second.counters.items).toMatchObject({ created: 0, updated: 0, unchanged: first.counters.items.created })
    expect(target.itemCount()).toBe(first.counters.items.created)
  })

  it('one item changed at the origin is one update here, with the new value', async () => {
    await sides()
    await start()
    const [first] = (await origin.get('items?per_page=1')).body as any[]
    const id = from === 's' ? first['o:id'] : first.id
    await origin.retitle(id, 'Retitled by the import contract')
    const again = await start({ full: true })
    expect(again.status).toBe('completed')
    expect(again.counters.items).toMatchObject({ created: 0, updated: 1 })
    expect(target.textCount('Retitled by the import contract')).toBe(1)
  })

  it('a merge re-import removes values the origin deleted since, and keeps values added here (issue 19)', async () => {
    await sides()
    await start()
    const [first] = (await origin.get('items?per_page=1')).body as any[]
    const id = from === 's' ? first['o:id'] : first.id
    target.addLocal(id, 'Added here, not at the origin')
    const dropped = await origin.dropValues(id)
    expect(target.texts(id)).toContain(dropped)
    const again = await start({ full: true })
    expect(again.counters.items).toMatchObject({ created: 0, updated: 1 })
    expect(target.texts(id)).not.toContain(dropped)
    expect(target.texts(id)).toContain('Added here, not at the origin')
  })

  it('undo deletes what the run created and marks it undone', async () => {
    await sides()
    const run = await start()
    expect(target.itemCount()).toBeGreaterThan(0)
    const undone = await target.jobs.undo(run.id, false)
    expect(undone.status).toBe('undone')
    expect(target.itemCount()).toBe(0)
    expect(target.jobs.store.searchRecords({ runId: run.id, outcome: 'undone', resource: 'items' }, 1, 1).total).toBe(
      run.counters.items.created,
    )
  })

  it('a run interrupted mid-way stays resumable and resumes to every item once', async () => {
    await sides()
    const want = await origin.itemCount()
    const interrupted = await start(
      {},
      (resource, c) => resource === 'items' && c.items.created >= 3 && target.jobs.interruptAll(),
    )
    expect(interrupted.status).toBe('interrupted')
    expect(interrupted.cursor?.resource).toBe('items')
    expect(interrupted.cursor?.url).not.toMatch(/key/)
    expect(target.itemCount()).toBeLessThan(want)
    const resumed = await target.jobs.resume(interrupted.id, origin.key)
    expect(resumed.status).toBe('completed')
    expect(target.itemCount()).toBe(want)
    expect(resumed.counters.items.created).toBe(want)
  })

  it('against an origin failing a share of its API requests (503, dropped connections) ends the same, retries counted', async () => {
    await sides()
    const want = await origin.itemCount()
    await origin.faults({
      seed: 11,
      rules: [
        { path: '/api/*', probability: 0.15, effect: { type: 'status', status: 503 } },
        { path: '/api/*', probability: 0.05, effect: { type: 'drop' } },
      ],
    })
    const run = await start()
    expect(run.status).toBe('completed')
    expect(run.retries).toBeGreaterThan(0)
    expect(target.itemCount()).toBe(want)
  })

  it('counts every request the origin answered, its pre-flight included (issue 19: one short)', async () => {
    await sides()
    await origin.itemCount()
    const before = await origin.requests()
    const run = await start()
    expect(run.status).toBe('completed')
    expect(run.requests).toBe((await origin.requests()) - before)
  })

  it('an index the origin never serves is logged, and the run ends interrupted (never completed) saying what was never read', async () => {
    await sides()
    await origin.faults([{ method: 'GET', path: '/api/items', effect: { type: 'status', status: 500 } }])
    const run = await start()
    expect(run.status).toBe('interrupted')
    expect(run.cursor?.resource).toBe('items')
    expect(run.message).toMatch(/^Could not read items: .*not started: /)
    expect(
      failures(run.id)
        .filter((r) => r.resource === 'items')
        .map((r) => r.message),
    ).toEqual([expect.stringMatching(/^Could not read items: /)])
    expect(run.counters.items.failed).toBe(0)
    expect(target.itemCount()).toBe(0)
    // The origin serves again: the run resumes to every item, completed.
    await origin.faults([])
    const resumed = await target.jobs.resume(run.id, origin.key)
    expect(resumed.status).toBe('completed')
    expect(target.itemCount()).toBe(await origin.itemCount())
  })

  it('the origin dying mid-run ends interrupted with the count never read; resume brings every item', async () => {
    await sides()
    const want = await origin.itemCount()
    // Every items page after the first answers 503 until the faults are cleared (the origin "down").
    await origin.faults([{ method: 'GET', path: '/api/items', effect: { type: 'drop' }, probability: 1 }])
    const run = await start()
    expect(run.status).toBe('interrupted')
    expect(run.message).toMatch(new RegExp(`items: ${want} of ${want} never read|items: not read to its end`))
    await origin.faults([])
    const resumed = await target.jobs.resume(run.id, origin.key)
    expect(resumed.status).toBe('completed')
    expect(target.itemCount()).toBe(want)
  })

  it('a keyed run refuses to resume without a key, or with a key that sees no more than anonymous callers', async () => {
    await sides()
    const interrupted = await start(
      {},
      (resource, c) => resource === 'items' && c.items.created >= 3 && target.jobs.interruptAll(),
    )
    expect(interrupted.status).toBe('interrupted')
    await expect(target.jobs.resume(interrupted.id, null)).rejects.toThrow(
      /started with an API key; resuming it without one/,
    )
    expect(target.jobs.store.find(interrupted.id)!.status).toBe('interrupted')
    const bad = from === 's' ? { identity: 'nobody', credential: 'nothing' } : { key: 'f'.repeat(40) }
    await expect(target.jobs.resume(interrupted.id, bad)).rejects.toThrow(/cannot resume with this key/)
    const resumed = await target.jobs.resume(interrupted.id, origin.key)
    expect(resumed.status).toBe('completed')
    expect(target.itemCount()).toBe(await origin.itemCount())
  })

  it('a cancelled run is resumable and resumes to every item', async () => {
    await sides()
    let id = 0
    const run = await start({}, (resource, c) => {
      if (resource !== 'items' || c.items.created < 3) return
      id ||= target.jobs.store.searchRecords({}, 1, 1).rows[0]!.runId
      ;(target.jobs as unknown as { cancel(id: number): void }).cancel(id)
    })
    expect(run.status).toBe('cancelled')
    expect(run.message).toMatch(/^Cancelled \(items: \d+ of \d+ never read/)
    const resumed = await target.jobs.resume(run.id, origin.key)
    expect(resumed.status).toBe('completed')
    expect(target.itemCount()).toBe(await origin.itemCount())
  })
})
