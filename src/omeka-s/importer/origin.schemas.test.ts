import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type * as z from 'zod'
import {
  originAsset,
  originItem,
  originItemSet,
  originMedia,
  originMember,
  originPage,
  originSite,
  originTemplate,
  originUser,
  originVocabulary,
  readRecord,
} from './origin.schemas.js'

const SHARED = resolve(fileURLToPath(new URL('../../../test/fixtures/shared', import.meta.url)))

const SCHEMAS: Record<string, z.ZodType> = {
  items: originItem,
  item_sets: originItemSet,
  media: originMedia,
  users: originUser,
  vocabularies: originVocabulary,
  properties: originMember,
  resource_classes: originMember,
  resource_templates: originTemplate,
  assets: originAsset,
  sites: originSite,
  site_pages: originPage,
}

/** Every record real Omeka S 4.2.0 answered to a GET in the recorded suites, by resource. */
function recorded(): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>()
  for (const suite of ['s', 's-random']) {
    const dir = join(SHARED, 'conformance', suite, 'cases')
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const c = JSON.parse(readFileSync(join(dir, f), 'utf8'))
      for (const step of c.steps ?? [c]) {
        const m = /^\/api\/([a-z_]+)/.exec(step.request?.path ?? '')
        if (step.request?.method !== 'GET' || !m || !(m[1]! in SCHEMAS) || step.response?.status !== 200) continue
        let body: unknown
        try {
          body = JSON.parse(step.response.body)
        } catch {
          continue
        }
        const list = out.get(m[1]!) ?? []
        // Representations only (a `return_scalar` browse answers a map of ids to values).
        const reps = (Array.isArray(body) ? body : [body]).filter((r) => r && typeof r === 'object' && '@type' in r)
        list.push(...reps)
        out.set(m[1]!, list)
      }
    }
  }
  return out
}

const item = () => ({
  '@id': 'http://o/api/items/7',
  'o:id': 7,
  'o:is_public': true,
  'o:owner': { '@id': 'http://o/api/users/1', 'o:id': 1 },
  'o:created': { '@value': '2025-01-01T00:00:00+00:00', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' },
  'o:item_set': [],
  'o:media': [{ '@id': 'http://o/api/media/8', 'o:id': 8 }],
  'dcterms:title': [{ type: 'literal', property_id: 1, is_public: true, '@value': 'A title' }],
})

describe('Omeka S origin schemas', () => {
  const records = recorded()

  it.each(Object.keys(SCHEMAS))('accept every recorded %s record of real Omeka S 4.2.0', (resource) => {
    const list = records.get(resource) ?? []
    expect(list.length).toBeGreaterThan(0)
    for (const raw of list)
      expect(readRecord(SCHEMAS[resource]!, raw), JSON.stringify(raw).slice(0, 300)).toMatchObject({ ok: true })
  })

  it('keep the keys they do not type (the importer reads every term key)', () => {
    const r = readRecord(originItem, { ...item(), 'foaf:name': [{ type: 'literal', '@value': 'x' }], extra: 1 })
    expect(r.ok && r.value['foaf:name']).toEqual([{ type: 'literal', '@value': 'x' }])
    expect(r.ok && r.value.extra).toBe(1)
  })

  it.each([
    ['a missing o:id', { ...item(), 'o:id': undefined }, /o:id/],
    ['a string o:id', { ...item(), 'o:id': '7' }, /o:id/],
    ['a negative o:id', { ...item(), 'o:id': -1 }, /o:id/],
    ['a reference without o:id', { ...item(), 'o:owner': { '@id': 'http://o/api/users/1' } }, /o:owner\.o:id/],
    ['a string visibility', { ...item(), 'o:is_public': 'yes' }, /o:is_public/],
    ['media that is not a list', { ...item(), 'o:media': { 'o:id': 8 } }, /o:media/],
    ['a value without type', { ...item(), 'dcterms:title': [{ '@value': 'x' }] }, /dcterms:title\.0\.type/],
    ['an object as @value', { ...item(), 'dcterms:title': [{ type: 'literal', '@value': { a: 1 } }] }, /@value/],
    [
      'a resource value without its id',
      { ...item(), 'dcterms:relation': [{ type: 'resource:item', value_resource_name: 'items' }] },
      /dcterms:relation\.0\.value_resource_id/,
    ],
    ['a 2 MB date', { ...item(), 'o:created': { '@value': 'x'.repeat(2_000_000) } }, /o:created/],
  ])('refuse an item with %s, saying where', (_name, raw, where) => {
    const r = readRecord(originItem, raw)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.message).toMatch(/^Unreadable record: /)
    expect(!r.ok && r.message).toMatch(where)
  })

  it.each([
    ['a slug longer than Omeka stores', originSite, { 'o:id': 1, 'o:slug': 's'.repeat(191), 'o:title': 't' }],
    ['a page without its site', originPage, { 'o:id': 1, 'o:slug': 'p', 'o:title': 't' }],
    ['an asset without a file name', originAsset, { 'o:id': 1, 'o:name': 'n' }],
    ['a user whose email is a number', originUser, { 'o:id': 1, 'o:email': 5 }],
    ['a vocabulary without a prefix', originVocabulary, { 'o:id': 1, 'o:namespace_uri': 'http://x/', 'o:label': 'X' }],
    ['a media without its item', originMedia, { 'o:id': 1, 'o:ingester': 'url', 'o:renderer': 'file' }],
    ['a record that is not an object', originItem, 'items'],
    ['null', originItem, null],
  ])('refuse %s', (_name, schema, raw) => {
    expect(readRecord(schema as z.ZodType, raw).ok).toBe(false)
  })

  it('refuse prototype-pollution keys at any depth, and leave Object.prototype alone', () => {
    for (const json of [
      '{"o:id":7,"__proto__":{"polluted":true}}',
      '{"o:id":7,"dcterms:title":[{"type":"literal","@value":"x","__proto__":{"polluted":true}}]}',
      '{"o:id":7,"o:owner":{"o:id":1,"constructor":{"prototype":{"polluted":true}}}}',
    ]) {
      const r = readRecord(originItem, JSON.parse(json))
      expect(r.ok).toBe(false)
      expect(!r.ok && r.message).toMatch(/__proto__|constructor/)
    }
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
  })

  it('refuse nesting deeper than any representation without overflowing the stack', () => {
    const deep = JSON.parse(`{"o:id":7,"o:navigation":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)
    const r = readRecord(originSite, { ...deep, 'o:slug': 's', 'o:title': 't' })
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/nested deeper/) })
  })
})
