import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { jsonBody, KEYS, testApp, type TestApp, CLASSIC_FIXTURE_FRESH } from '../../../../test/helpers.js'
import { insertRun, logRecords, updateRun } from '../../importer/runs.repo.js'

let app: TestApp
const q = `key=${KEYS.super}`
beforeEach(() => {
  app = testApp(CLASSIC_FIXTURE_FRESH)
})
afterEach(() => app.close())

const options = {
  mode: 'merge' as const,
  override_element_sets: false,
  import_users: true,
  dry_run: false,
  full: false,
  authenticated: true,
}
function finishedRun(): number {
  const id = insertRun(app.deps.db, {
    endpoint: 'http://origin.test/api',
    origin: 'origin.test',
    omekaUrl: 'http://origin.test',
    options,
    ownerId: 1,
  })
  updateRun(app.deps.db, id, { status: 'completed', started: '2026-01-01 10:00:00', finished: '2026-01-01 10:00:10' })
  logRecords(app.deps.db, id, [
    { resource: 'items', remoteId: 1, localId: 1, outcome: 'created' },
    { resource: 'files', remoteId: 2, localId: null, outcome: 'failed', message: 'Download failed: HTTP 404' },
  ])
  return id
}

describe('imports: happy path', () => {
  it('shows a run with its counters, dates and a link to its record log', async () => {
    const id = finishedRun()
    const { status, body } = await app.json(`/api/imports/${id}?${q}`)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      id,
      status: 'completed',
      endpoint: 'http://origin.test/api',
      started: '2026-01-01T10:00:00+00:00',
      finished: '2026-01-01T10:00:10+00:00',
    })
    expect(body.records).toEqual({
      count: 2,
      url: `http://omeka.test/api/import_records?import=${id}`,
      resource: 'import_records',
    })
    expect(Object.keys(body.counters.items)).toEqual([
      'total',
      'created',
      'updated',
      'unchanged',
      'skipped',
      'failed',
      'deleted',
    ])
  })

  it('pages the record log like every index and filters by outcome', async () => {
    const id = finishedRun()
    const res = await app.request(`/api/import_records?import=${id}&outcome=failed&${q}`)
    expect(res.headers.get('Omeka-Total-Results')).toBe('1')
    expect(res.headers.get('Link')).toContain('rel="first"')
    const [row] = (await res.json()) as any[]
    expect(row).toMatchObject({
      resource: 'files',
      remote_id: 2,
      local_id: null,
      outcome: 'failed',
      message: 'Download failed: HTTP 404',
    })
  })
})

describe('imports: errors', () => {
  it('rejects unknown fields and bad values with a 400 in Omeka’s format, creating nothing', async () => {
    const bad = await app.json(`/api/imports?${q}`, jsonBody('POST', { endpoint: 'http://x.org/api', color: 'red' }))
    expect(bad.status).toBe(400)
    expect(bad.body.message).toBe('Invalid request.')
    expect((await app.json(`/api/imports?${q}`, jsonBody('POST', '[]'))).body).toEqual({
      message: 'Invalid request. Request body must be a JSON object.',
    })
    expect((await app.json(`/api/imports?${q}`)).body).toEqual([])
  })

  it('answers 404 for an unknown run and 409 for cancelling a finished one', async () => {
    expect((await app.json(`/api/imports/99?${q}`)).body).toEqual({ message: 'Invalid record. Record not found.' })
    const id = finishedRun()
    const r = await app.json(`/api/imports/${id}?${q}`, jsonBody('PUT', { status: 'cancelled' }))
    expect(r.status).toBe(409)
    expect(r.body.message).toMatch(/cannot be cancelled/)
  })

  it('refuses unknown filter values', async () => {
    expect((await app.json(`/api/import_records?outcome=lost&${q}`)).status).toBe(400)
    expect((await app.json(`/api/imports?status=nope&${q}`)).status).toBe(400)
  })
})

describe('imports: permissions', () => {
  it("denies admins and anonymous callers with Omeka's message", async () => {
    finishedRun()
    expect(await app.json(`/api/imports/1?key=${KEYS.admin}`)).toMatchObject({
      status: 403,
      body: { message: 'Permission denied.' },
    })
    expect(await app.json('/api/import_records')).toMatchObject({
      status: 403,
      body: { message: 'Permission denied.' },
    })
  })
})
