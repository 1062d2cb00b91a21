import { describe, expect, it } from 'vitest'
import { mapItem, mapRole, contentHash, type Resolver } from './records.js'
import { remoteItem } from '../../../core/import/classic-origin/remote.schemas.js'

const resolver = (over: Partial<Resolver> = {}): Resolver => ({
  element: (et) => (et.element?.id === 50 ? 500 : undefined),
  collection: (id) => (id === 1 ? 10 : undefined),
  itemType: (id) => (id === 1 ? 11 : undefined),
  owner: (id) => (id === null ? null : 7),
  item: () => undefined,
  ...over,
})

const raw = {
  id: 4,
  public: true,
  featured: false,
  added: '2023-01-05T10:00:00+00:00',
  modified: '2024-01-05T12:30:00+00:00',
  item_type: { id: 1 },
  collection: { id: 2 },
  owner: { id: 3 },
  tags: [
    { id: 1, name: 'a, b' },
    { id: 2, name: 'Zed' },
  ],
  element_texts: [
    { html: true, text: '<b>T</b>', element_set: { id: 1, name: 'Dublin Core' }, element: { id: 50, name: 'Title' } },
    { html: false, text: 'x', element_set: { id: 9, name: 'Gone' }, element: { id: 99, name: 'Nope' } },
  ],
}

describe('mapItem', () => {
  it('keeps dates, html flags, exact tag names and defers an unknown collection', () => {
    const m = mapItem(remoteItem.parse(raw), resolver(), { authenticated: true })
    expect(m.write.added).toBe('2023-01-05 10:00:00')
    expect(m.write.modified).toBe('2024-01-05 12:30:00')
    expect(m.write.tags).toEqual(['a, b', 'Zed'])
    expect(m.write.elementTexts).toEqual([{ elementId: 500, html: true, text: '<b>T</b>' }])
    expect(m.write.collectionId).toBeUndefined()
    expect(m.pending).toEqual({ collection: 2 })
    expect(m.messages).toEqual(['Unknown element Gone / Nope skipped'])
  })
  it('keeps the local collection when an anonymous run sees none', () => {
    const m = mapItem(remoteItem.parse({ ...raw, collection: null }), resolver(), { authenticated: false })
    expect(m.write.collectionId).toBeUndefined()
    expect(
      mapItem(remoteItem.parse({ ...raw, collection: null }), resolver(), { authenticated: true }).write.collectionId,
    ).toBeNull()
  })
  it('hashes equal content equally and different content differently', () => {
    const a = mapItem(remoteItem.parse(raw), resolver(), { authenticated: true }).hash
    expect(mapItem(remoteItem.parse(raw), resolver(), { authenticated: true }).hash).toBe(a)
    expect(mapItem(remoteItem.parse({ ...raw, featured: true }), resolver(), { authenticated: true }).hash).not.toBe(a)
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }))
  })
})

describe('mapRole', () => {
  it('never copies super', () => {
    expect(mapRole('super')).toBe('admin')
    expect(mapRole('contributor')).toBe('contributor')
    expect(mapRole('researcher')).toBe('researcher')
  })
})
