import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { memoryDeps as memorySDeps } from '../src/omeka-s/bootstrap.js'
import { loadFixture as loadSFixture } from '../src/omeka-s/fixtures/load.js'
import { S_FIXTURE } from './s-recorded.js'

// fulltext_search relevance as InnoDB computes it: TF × IDF² summed over the query's words, so a rare
// word outweighs a common one repeated; a stand-in that counts occurrences would rank the other way.

const keys = JSON.parse(readFileSync(join(S_FIXTURE, 'keys.json'), 'utf8')) as {
  user_id: number
  key_identity: string
  key_credential: string
}[]
const admin = keys.find((k) => k.user_id === 1)!
const auth = `key_identity=${admin.key_identity}&key_credential=${admin.key_credential}`
const title = (text: string) => ({
  'o:is_public': true,
  'dcterms:title': [{ type: 'literal', property_id: 1, '@value': text }],
})

describe('fulltext_search relevance', () => {
  let dir: string
  let app: ReturnType<typeof createApp>
  const post = async (body: unknown) =>
    (
      (await (
        await app.request(`http://omeka.test/api/items?${auth}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as { 'o:id': number }
    )['o:id']
  const ids = async (q: string) =>
    ((await (await app.request(`http://omeka.test/api/items?${q}`)).json()) as { 'o:id': number }[]).map(
      (r) => r['o:id'],
    )

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'omeka-twin-s-ft-'))
    const s = memorySDeps(join(dir, 's'), { flavor: 's' })
    const deps = { config: s.config, s }
    loadSFixture(deps.s, S_FIXTURE)
    app = createApp(deps)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('ranks a document holding a rare word above one holding a common word twice', async () => {
    const common = await post(title('Gazebo gazebo notes'))
    for (const t of ['Gazebo one', 'Gazebo two', 'Gazebo three', 'Gazebo four']) await post(title(t))
    const rare = await post(title('Quillwort'))
    const found = await ids('fulltext_search=gazebo%20quillwort')
    expect(found.slice(0, 2)).toEqual([rare, common])
    expect(found).toHaveLength(6)
  })

  it('finds nothing for a word of two letters, a stopword, or /api/resources', async () => {
    await post(title('An ox about town'))
    expect(await ids('fulltext_search=ox')).toEqual([])
    expect(await ids('fulltext_search=about')).toEqual([])
    const res = await app.request('http://omeka.test/api/resources?fulltext_search=town')
    expect(res.headers.get('Omeka-S-Total-Results')).toBe('0')
  })
})
