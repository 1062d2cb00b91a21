import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../app.js'
import { SHARED } from '../../../../test/helpers.js'
import { memoryDeps } from '../../bootstrap.js'
import { loadFixture } from '../../fixtures/load.js'

const FIXTURE = join(SHARED, 'conformance/s/fixture')
const ORIGIN = 'http://omeka-s.test'
const keys = JSON.parse(readFileSync(join(FIXTURE, 'keys.json'), 'utf8')) as {
  user_id: number
  key_identity: string
  key_credential: string
}[]
const admin = (() => {
  const k = keys.find((x) => x.user_id === 1)!
  return `key_identity=${k.key_identity}&key_credential=${k.key_credential}`
})()
/** The public items of the fixture, as anonymous callers see them (items.json, `o:is_public`). */
const PUBLIC_ITEMS = [4, 5, 6, 9, 12, 14, 15, 16, 17, 18, 19, 20, 21]
const row = (n: number, r: Record<string, string>) =>
  Object.entries(r)
    .map(([k, v]) => `property[${n}][${k}]=${encodeURIComponent(v)}`)
    .join('&')

describe('Omeka S 4.2.0 property search: what core does with types and criteria it does not know', () => {
  let dir: string
  let app: ReturnType<typeof createApp>
  const ids = async (query: string) => {
    const res = await app.request(`${ORIGIN}/api/items?${query}`)
    expect(res.status).toBe(200)
    return ((await res.json()) as { 'o:id': number }[]).map((r) => r['o:id'])
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'omeka-twin-s-property-search-'))
    const s = memoryDeps(join(dir, 's'), { flavor: 's' })
    const deps = { config: s.config, s }
    loadFixture(deps.s, FIXTURE)
    app = createApp(deps)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  // AbstractResourceEntityAdapter::buildPropertyQuery (4.2.0) only knows eq in sw ew res ex dt and their
  // negations; anything else hits `continue`, so the row is dropped as if it were not there. The
  // AdvancedSearch module's types (lex, nlex, tp, ntp, tpl, ntpl, lres, gt…) are such rows.
  it.each(['lex', 'nlex', 'tp', 'ntp', 'tpl', 'ntpl', 'tpr', 'tpu', 'lres', 'nlres', 'dtp', 'exs', 'gt', 'list'])(
    'drops a row of the module-only type %s, whatever its property and text',
    async (type) => {
      expect(await ids(row(0, { property: 'dcterms:relation', type, text: 'literal' }))).toEqual(PUBLIC_ITEMS)
      expect(await ids(row(0, { property: '', type, text: '4' }))).toEqual(PUBLIC_ITEMS)
      // A dropped first row leaves the next one first: its `or` joins nothing.
      expect(
        await ids(
          `${row(0, { property: '1', type, text: 'x' })}&${row(1, { joiner: 'or', property: '1', type: 'eq', text: 'Market day' })}`,
        ),
      ).toEqual([9])
      // A dropped row in the middle does not change how its neighbours combine.
      const market = row(0, { property: 'dcterms:title', type: 'eq', text: 'Market day' })
      const harbour = row(2, { joiner: 'or', property: 'dcterms:title', type: 'eq', text: 'Harbour at dawn' })
      expect(await ids(`${market}&${row(1, { joiner: 'and', property: '1', type, text: 'x' })}&${harbour}`)).toEqual([
        6, 9,
      ])
    },
  )

  it('takes the property as an id, a term, or empty for any property; an unknown term matches nothing', async () => {
    // Item 5 links item 4 through dcterms:relation (property 13), item 14 through dcterms:references.
    expect(await ids(row(0, { property: '13', type: 'res', text: '4' }))).toEqual([5])
    expect(await ids(row(0, { property: 'dcterms:relation', type: 'res', text: '4' }))).toEqual([5])
    expect(await ids(row(0, { property: '', type: 'res', text: '4' }))).toEqual([5, 14])
    expect(await ids(row(0, { property: 'nope:nothing', type: 'ex' }))).toEqual([])
    expect(await ids(row(0, { property: 'nope:nothing', type: 'nex' }))).toEqual(PUBLIC_ITEMS)
  })

  it('compares an empty resource_class_label or resource_template_label (isset), which no class or template has', async () => {
    expect(await ids('resource_class_label=')).toEqual([])
    expect(await ids('resource_template_label=')).toEqual([])
    // Class 31 (Text): items 4, 5, 18 public, 11 private (items.json).
    expect(await ids('resource_class_label=Text')).toEqual([4, 5, 18])
  })

  it('answers nothing for an empty created/modified bound (no date format parses it)', async () => {
    for (const name of ['created_before', 'created_after', 'modified_before', 'modified_after'])
      expect(await ids(`${name}=`)).toEqual([])
  })

  it('matches a linked title only when the caller may see the linked resource (ResourceVisibilityFilter)', async () => {
    const post = async (body: unknown) => {
      const res = await app.request(`${ORIGIN}/api/items?${admin}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
      return ((await res.json()) as { 'o:id': number })['o:id']
    }
    const hidden = await post({
      'o:is_public': false,
      'dcterms:title': [{ type: 'literal', property_id: 1, '@value': 'Quokka ledger' }],
    })
    const linking = await post({
      'o:is_public': true,
      'dcterms:relation': [{ type: 'resource:item', property_id: 13, value_resource_id: hidden }],
    })
    for (const type of ['eq', 'in', 'sw', 'ew']) {
      const text = type === 'eq' ? 'Quokka ledger' : type === 'sw' ? 'Quokka' : 'ledger'
      expect(await ids(row(0, { property: 'dcterms:relation', type, text }))).toEqual([])
      expect(await ids(`${row(0, { property: 'dcterms:relation', type, text })}&${admin}`)).toEqual([linking])
    }
    // The negation follows: for anonymous callers the link no longer holds that title.
    expect(
      await ids(`${row(0, { property: 'dcterms:relation', type: 'neq', text: 'Quokka ledger' })}&id=${linking}`),
    ).toEqual([linking])
    expect(
      await ids(
        `${row(0, { property: 'dcterms:relation', type: 'neq', text: 'Quokka ledger' })}&id=${linking}&${admin}`,
      ),
    ).toEqual([])
  })
})
