import { describe, expect, it } from 'vitest'
import { isResumable, shownStatus } from './run-store.js'

describe('shownStatus', () => {
  it('shows a resumed run whose job is launched as running before its engine writes the row', () => {
    expect(shownStatus({ status: 'interrupted' }, true)).toBe('running')
    expect(shownStatus({ status: 'cancelled' }, true)).toBe('running')
  })

  it('shows the stored status when no job runs, and never hides an ending', () => {
    expect(shownStatus({ status: 'interrupted' }, false)).toBe('interrupted')
    expect(shownStatus({ status: 'completed' }, true)).toBe('completed')
    expect(shownStatus({ status: 'undoing' }, true)).toBe('undoing')
  })
})

describe('isResumable', () => {
  it('a cancelled run is resumable until its walk is done', () => {
    expect(isResumable({ status: 'cancelled', cursor: { resource: 'items' } })).toBe(true)
    expect(isResumable({ status: 'cancelled', cursor: { resource: 'done' } })).toBe(false)
    expect(isResumable({ status: 'completed', cursor: null })).toBe(false)
  })
})
