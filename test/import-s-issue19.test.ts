import { afterEach, describe, expect, it } from 'vitest'
import {
  startContractOrigin,
  startContractTarget,
  type ContractOrigin,
  type ContractTarget,
} from './import-contract.harness.js'

// Issue 19, found importing from a real Omeka S 4.2.0 site: each defect against a second omeka-twin
// serving the S fixture (the request counter is in the shared contract suite, for every direction).

let origin: ContractOrigin
let target: ContractTarget
afterEach(async () => {
  target?.close()
  await origin?.close()
})
async function sides() {
  origin = await startContractOrigin('s')
  target = startContractTarget('s')
}
const start = (options: Record<string, unknown> = {}, key = origin.key) =>
  target.jobs.start({
    endpoint: origin.endpoint,
    fromFlavor: 's',
    key,
    options: target.options(options),
    ownerId: null,
    self: null,
  })
const originSql = () => origin.server.s!.db.$client
const userByEmail = (email: string) =>
  target.sql.prepare('SELECT name, role, is_active AS isActive, created FROM user WHERE email = ?').get(email)
const logOf = (runId: number, resource: string) => target.jobs.store.searchRecords({ runId, resource }, 1, 100).rows

describe('issue 19: users that exist on the target', () => {
  it('mirror makes a matched user equal to the origin: name, role and o:created', async () => {
    await sides()
    originSql()
      .prepare("UPDATE user SET name = 'Editor Renamed', role = 'site_admin' WHERE email = 'editor@example.com'")
      .run()
    originSql().prepare("UPDATE user SET created = '2024-06-01T08:00:00+00:00' WHERE email = 'admin@example.com'").run()
    const run = await start({ mode: 'mirror' })
    expect(run.status).toBe('completed')
    expect(userByEmail('editor@example.com')).toMatchObject({ name: 'Editor Renamed', role: 'site_admin' })
    expect(userByEmail('admin@example.com')).toMatchObject({ created: '2024-06-01T08:00:00+00:00' })
    expect(run.counters.users).toMatchObject({ updated: 2, failed: 0 })
    const again = await start({ mode: 'mirror' })
    expect(again.counters.users).toMatchObject({ updated: 0 })
  })

  it('merge brings a name or role changed at the origin, and keeps the local creation date', async () => {
    await sides()
    const localCreated = (userByEmail('admin@example.com') as { created: string }).created
    await start()
    originSql()
      .prepare("UPDATE user SET name = 'Author Renamed', role = 'editor' WHERE email = 'author@example.com'")
      .run()
    originSql().prepare("UPDATE user SET created = '2024-06-01T08:00:00+00:00' WHERE email = 'admin@example.com'").run()
    const run = await start({ full: true })
    expect(userByEmail('author@example.com')).toMatchObject({ name: 'Author Renamed', role: 'editor' })
    expect(userByEmail('admin@example.com')).toMatchObject({ created: localCreated })
    expect(
      logOf(run.id, 'users')
        .filter((r) => r.outcome === 'updated')
        .map((r) => r.message),
    ).toEqual(['Changed at the origin: name, role'])
  })
})

describe('issue 19: a merge re-import and values the origin deleted', () => {
  it('removes the values that came from the origin and are gone there, and keeps the ones added here', async () => {
    await sides()
    await start()
    const local = (
      target.sql
        .prepare("SELECT local_id AS id FROM import_id_map WHERE resource = 'items' AND remote_id = 5")
        .get() as { id: number }
    ).id
    const rights = (
      target.sql
        .prepare(
          "SELECT p.id FROM property p JOIN vocabulary v ON v.id = p.vocabulary_id WHERE v.prefix = 'dcterms' AND p.local_name = 'rights'",
        )
        .get() as { id: number }
    ).id
    target.sql
      .prepare(
        "INSERT INTO value (resource_id, property_id, type, value, is_public) VALUES (?, ?, 'literal', 'A note added here', 1)",
      )
      .run(local, rights)
    const item = (await origin.get('items/5')).body
    for (const term of ['dcterms:date', 'dcterms:language', 'dcterms:relation', 'dcterms:subject'])
      expect(item[term], term).toBeDefined()
    for (const term of ['dcterms:date', 'dcterms:language', 'dcterms:relation', 'dcterms:subject']) delete item[term]
    expect(item['o:item_set'].map((s: any) => s['o:id'])).toEqual([1])
    item['o:item_set'] = []
    const localSet = (
      target.sql
        .prepare("SELECT local_id AS id FROM import_id_map WHERE resource = 'item_sets' AND remote_id = 2")
        .get() as { id: number }
    ).id
    target.sql
      .prepare('INSERT INTO item_item_set (item_id, item_set_id, position) VALUES (?, ?, 9)')
      .run(local, localSet)
    item['dcterms:creator'] = [{ ...item['dcterms:creator'][0], '@value': 'A creator changed at the origin' }]
    expect(
      (
        await origin.get('items/5', {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(item),
        })
      ).status,
    ).toBe(200)
    const run = await start({ full: true })
    expect(run.counters.items).toMatchObject({ updated: 1 })
    const terms = target.sql
      .prepare(
        "SELECT v.prefix || ':' || p.local_name AS term, value.value FROM value JOIN property p ON p.id = value.property_id JOIN vocabulary v ON v.id = p.vocabulary_id WHERE value.resource_id = ? ORDER BY value.id",
      )
      .all(local) as { term: string; value: string }[]
    const atOrigin = (await origin.get('items/5')).body
    const originTerms = Object.keys(atOrigin)
      .filter((k) => /^[a-z]+:[A-Za-z]+$/.test(k) && !k.startsWith('o:') && Array.isArray(atOrigin[k]))
      .flatMap((k) => atOrigin[k].map(() => k))
    expect(originTerms.sort()).toEqual(['dcterms:creator', 'dcterms:title', 'dcterms:title'])
    expect(terms.map((t) => t.term).sort()).toEqual([...originTerms, 'dcterms:rights'].sort())
    expect(terms.find((t) => t.term === 'dcterms:creator')?.value).toBe('A creator changed at the origin')
    expect(terms.find((t) => t.term === 'dcterms:rights')?.value).toBe('A note added here')
    // Out of the item set the origin took it out of; still in the one a local user put it in.
    expect(target.sql.prepare('SELECT item_set_id AS s FROM item_item_set WHERE item_id = ?').all(local)).toEqual([
      { s: localSet },
    ])
    // The related item no longer shows the link the origin removed.
    expect(
      target.sql
        .prepare('SELECT COUNT(*) AS n FROM value WHERE value_resource_id IS NOT NULL AND resource_id = ?')
        .get(local),
    ).toEqual({ n: 0 })
  })
})

describe('issue 19: an anonymous S → S import', () => {
  for (const importUsers of [false, true]) {
    it(`is not an error because the origin keeps its users from anonymous callers (import_users: ${importUsers})`, async () => {
      await sides()
      const run = await start({ import_users: importUsers }, null)
      expect(run.status).toBe('completed')
      expect(run.counters.users).toMatchObject({ failed: 0 })
      expect(logOf(run.id, 'users').map((r) => [r.outcome, r.message])).toEqual([
        ['skipped', expect.stringMatching(/^Not readable with no key \(HTTP 403/)],
      ])
      expect(run.counters.items.created).toBe(
        await (async () =>
          Number((await fetch(`${origin.endpoint}/items?per_page=1`)).headers.get('Omeka-S-Total-Results')))(),
      )
    })
  }
})
