import { describe, expect, it } from 'vitest'
import { formatDuration, toRunView } from './progress.js'

const counter = (c: Partial<Record<string, number>>) => ({
  total: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  failed: 0,
  deleted: 0,
  ...c,
})

describe('run progress for the admin page', () => {
  it('adds up done and failed records per resource, and gives the rate and the time left from the start', () => {
    const run = {
      id: 4,
      status: 'running',
      started: '2026-01-01 10:00:00',
      finished: null,
      counters: { items: counter({ total: 100, created: 30, failed: 2 }), files: counter({ total: 20, unchanged: 8 }) },
    }
    const view = toRunView(run, Date.parse('2026-01-01T10:00:10Z'))
    expect(view.rows.map((r) => [r.resource, r.done, r.total, r.failed])).toEqual([
      ['items', 32, 100, 2],
      ['files', 8, 20, 0],
    ])
    expect(view).toMatchObject({ id: 4, done: 40, total: 120, failed: 2, rate: 4, etaSeconds: 20, final: false })
  })

  it('reads Omeka S runs (o:id, ISO dates) and leaves the total unknown while a resource has none', () => {
    const run = {
      'o:id': 7,
      status: 'completed',
      started: '2026-01-01T10:00:00+00:00',
      finished: '2026-01-01T10:00:05+00:00',
      counters: { items: counter({ total: 10, created: 10 }), media: counter({ created: 5 }) },
    }
    const view = toRunView(run, Date.parse('2026-01-02T00:00:00Z'))
    expect(view).toMatchObject({ id: 7, done: 15, total: null, rate: 3, etaSeconds: null, final: true })
  })

  it('has no rate before a run starts', () => {
    expect(toRunView({ id: 1, status: 'queued', counters: {} })).toMatchObject({
      rate: null,
      etaSeconds: null,
      total: null,
    })
  })

  it('formats a duration in hours, minutes and seconds', () => {
    expect([formatDuration(null), formatDuration(12), formatDuration(185), formatDuration(3720)]).toEqual([
      '—',
      '12 s',
      '3 min 05 s',
      '1 h 02 min',
    ])
  })
})
