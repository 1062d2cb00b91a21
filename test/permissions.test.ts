import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { KEYS, jsonBody, testApp, type TestApp } from './helpers.js'

/*
 * The permission matrix through the real app: each role × own/other record × action, for every
 * resource. Expected statuses come from shared/reference/omeka-classic-api.md §8 and the recorded
 * cases (numbers in brackets). Cells Omeka was not observed on follow Omeka 3.2.1's Acl.php and are
 * marked "acl". Fixture owners: items super 1,2,3,10,11,14,15; admin 4,5,12; contributor 6,7,13;
 * contrib2 8,9. Collections 1-3 are the super user's; 3 and items 3,7,9,12 are private; file 6
 * hangs on private item 3, file 5 on the contributor's item 13, file 1 on the super user's item 1.
 */
type Role = 'anonymous' | 'researcher' | 'contributor' | 'admin' | 'super'
const ROLE_KEY: Record<Role, string | null> = {
  anonymous: null,
  researcher: KEYS.researcher,
  contributor: KEYS.contributor,
  admin: KEYS.admin,
  super: KEYS.super,
}
const ROLES = Object.keys(ROLE_KEY) as Role[]

let t: TestApp
beforeEach(() => {
  t = testApp()
})
afterEach(() => t.close())

const withKey = (path: string, role: Role) => {
  const key = ROLE_KEY[role]
  return key ? `${path}${path.includes('?') ? '&' : '?'}key=${key}` : path
}
const status = async (role: Role, method: string, path: string, body?: unknown) =>
  (await t.request(withKey(path, role), body === undefined ? { method } : jsonBody(method, body))).status

/** Creates a record as the super user and hands it to `ownerId`; returns its id. */
async function recordOwnedBy(resource: 'items' | 'collections', ownerId: number): Promise<number> {
  const r = await t.json(`/api/${resource}?key=${KEYS.super}`, jsonBody('POST', { public: true }))
  t.deps.db.$client.prepare(`UPDATE ${resource} SET owner_id = ? WHERE id = ?`).run(ownerId, r.body.id)
  return r.body.id as number
}

const USER_ID: Record<Role, number | null> = { anonymous: null, researcher: 4, contributor: 3, admin: 2, super: 1 }

type OwnedRules = Record<Role, { private: number; post: number; own: [number, number] | null; other: [number, number] }>

/** Items and collections follow the same rules: see private (id 3), create, edit/delete own and others'. */
async function checkOwnedRecords(resource: 'items' | 'collections', role: Role, e: OwnedRules[Role]) {
  expect(await status(role, 'GET', `/api/${resource}/3`)).toBe(e.private)
  const ids = (await t.json(withKey(`/api/${resource}`, role))).body.map((i: { id: number }) => i.id)
  expect(ids.includes(3)).toBe(e.private === 200)
  expect(await status(role, 'POST', `/api/${resource}`, {})).toBe(e.post)
  const editThenDelete = async (id: number) => [
    await status(role, 'PUT', `/api/${resource}/${id}`, { featured: true }),
    await status(role, 'DELETE', `/api/${resource}/${id}`),
  ]
  if (e.own) expect(await editThenDelete(await recordOwnedBy(resource, USER_ID[role]!))).toEqual(e.own)
  expect(await editThenDelete(await recordOwnedBy(resource, role === 'super' ? 2 : 1))).toEqual(e.other)
}

describe('items', () => {
  const expected: OwnedRules = {
    anonymous: { private: 404, post: 403 /* [226] */, own: null, other: [403, 403] /* [258] */ },
    researcher: { private: 200 /* [045] */, post: 403 /* [227] */, own: null, other: [403, 403] /* [232] */ },
    contributor: {
      private: 200 /* [044] */,
      post: 201 /* [244] */,
      own: [200, 204] /* [256, 263] */,
      other: [403, 403] /* [230, 231] */,
    },
    admin: { private: 200, post: 201, own: [200, 204], other: [200, 204] /* [255] */ },
    super: { private: 200, post: 201 /* [242] */, own: [200, 204], other: [200, 204] },
  }
  it.each(ROLES)("applies Omeka's rules for %s", (role) => checkOwnedRecords('items', role, expected[role]))

  it('answers 404, not 403, to an anonymous write to a private item [233]', async () => {
    expect(await status('anonymous', 'PUT', '/api/items/3', {})).toBe(404)
    expect(await status('anonymous', 'DELETE', '/api/items/3')).toBe(404)
  })
})

describe('collections', () => {
  const expected: OwnedRules = {
    anonymous: { private: 404, post: 403 /* [234] */, own: null, other: [403, 403] },
    researcher: { private: 200 /* [055] */, post: 403, own: null, other: [403, 403] },
    contributor: { private: 200 /* [056] */, post: 201 /* [235] */, own: [200, 204], other: [403, 403] /* [236] */ },
    admin: { private: 200, post: 201, own: [200, 204], other: [200, 204] },
    super: { private: 200, post: 201 /* [265] */, own: [200, 204], other: [200, 204] /* [266, 268] */ },
  }
  it.each(ROLES)("applies Omeka's rules for %s", (role) => checkOwnedRecords('collections', role, expected[role]))
})

describe('files', () => {
  /** POST needs multipart; the parent item decides ownership. */
  const post = async (role: Role, itemId: number) => {
    const form = new FormData()
    form.append('data', JSON.stringify({ item: { id: itemId } }))
    form.append('file', new Blob(['some text']), 'p.txt')
    return (await t.request(withKey('/api/files', role), { method: 'POST', body: form })).status
  }
  const expected: Record<
    Role,
    {
      private: number
      postOwn: number | null
      postOther: number
      own: [number, number] | null
      other: [number, number]
    }
  > = {
    anonymous: { private: 404 /* [151] */, postOwn: null, postOther: 403, own: null, other: [403, 403] },
    researcher: { private: 200, postOwn: null, postOther: 403 /* [240] */, own: null, other: [403, 403] },
    // Contributors edit their own items' files but may not delete them (acl).
    contributor: {
      private: 200,
      postOwn: 201,
      postOther: 403 /* [241] */,
      own: [200, 403],
      other: [403 /* [281] */, 403],
    },
    admin: { private: 200, postOwn: 201, postOther: 201, own: [200, 204], other: [200, 204] },
    super: {
      private: 200,
      postOwn: 201 /* [277] */,
      postOther: 201,
      own: [200, 204],
      other: [200, 204] /* [280, 282] */,
    },
  }
  it.each(ROLES)("applies Omeka's rules for %s", async (role) => {
    const e = expected[role]
    expect(await status(role, 'GET', '/api/files/6')).toBe(e.private)
    const ids = (await t.json(withKey('/api/files', role))).body.map((f: { id: number }) => f.id)
    expect(ids.includes(6)).toBe(e.private === 200)
    const ownItem = { researcher: null, anonymous: null, contributor: 13, admin: 4, super: 1 }[role]
    if (ownItem) {
      expect(await post(role, ownItem)).toBe(e.postOwn)
      const ownFile = (
        t.deps.db.$client.prepare('SELECT MAX(id) AS id FROM files WHERE item_id = ?').get(ownItem) as { id: number }
      ).id
      expect([
        await status(role, 'PUT', `/api/files/${ownFile}`, { order: 3 }),
        await status(role, 'DELETE', `/api/files/${ownFile}`),
      ]).toEqual(e.own)
    }
    const otherItem = role === 'super' ? 4 : 1
    expect(await post(role, otherItem)).toBe(e.postOther)
    const otherFile = role === 'super' ? 5 : 1
    expect([
      await status(role, 'PUT', `/api/files/${otherFile}`, { order: 3 }),
      await status(role, 'DELETE', `/api/files/${otherFile}`),
    ]).toEqual(e.other)
  })
})

describe('element sets, elements and item types', () => {
  // Only the super user may touch element sets and their elements (admins are denied ElementSets);
  // admins may add and edit item types but not delete them (acl).
  const expected: Record<
    Role,
    {
      setPost: number
      setDelete: number
      elPost: number
      elPut: number
      elDelete: number
      typePost: number
      typePut: number
      typeDelete: number
    }
  > = {
    anonymous: {
      setPost: 403,
      setDelete: 403 /* [220] */,
      elPost: 403,
      elPut: 403,
      elDelete: 403 /* [221] */,
      typePost: 403,
      typePut: 403,
      typeDelete: 403,
    },
    researcher: {
      setPost: 403,
      setDelete: 403,
      elPost: 403,
      elPut: 403,
      elDelete: 403,
      typePost: 403,
      typePut: 403,
      typeDelete: 403,
    },
    contributor: {
      setPost: 403 /* [237] */,
      setDelete: 403,
      elPost: 403,
      elPut: 403 /* [292] */,
      elDelete: 403,
      typePost: 403 /* [238] */,
      typePut: 403,
      typeDelete: 403,
    },
    admin: {
      setPost: 403,
      setDelete: 403,
      elPost: 403,
      elPut: 403,
      elDelete: 403,
      typePost: 201,
      typePut: 200,
      typeDelete: 403,
    },
    super: {
      setPost: 201 /* [284] */,
      setDelete: 204 /* [300] */,
      elPost: 201 /* [288] */,
      elPut: 200 /* [291] */,
      elDelete: 204,
      typePost: 201 /* [293] */,
      typePut: 200 /* [296] */,
      typeDelete: 204 /* [298] */,
    },
  }
  it.each(ROLES)("applies Omeka's rules for %s", async (role) => {
    const e = expected[role]
    const set = await t.json(`/api/element_sets?key=${KEYS.super}`, jsonBody('POST', { name: 'Target Set' }))
    const el = await t.json(
      `/api/elements?key=${KEYS.super}`,
      jsonBody('POST', { element_set: { id: 3 }, name: 'Target Element' }),
    )
    const type = await t.json(`/api/item_types?key=${KEYS.super}`, jsonBody('POST', { name: 'Target Type' }))
    expect(await status(role, 'GET', `/api/element_sets/${set.body.id}`)).toBe(200)
    expect(await status(role, 'POST', '/api/element_sets', { name: `New Set ${role}` })).toBe(e.setPost)
    expect(await status(role, 'DELETE', `/api/element_sets/${set.body.id}`)).toBe(e.setDelete)
    expect(await status(role, 'POST', '/api/elements', { element_set: { id: 3 }, name: `New Element ${role}` })).toBe(
      e.elPost,
    )
    expect(await status(role, 'PUT', `/api/elements/${el.body.id}`, { comment: 'c' })).toBe(e.elPut)
    expect(await status(role, 'DELETE', `/api/elements/${el.body.id}`)).toBe(e.elDelete)
    expect(await status(role, 'POST', '/api/item_types', { name: `New Type ${role}` })).toBe(e.typePost)
    expect(await status(role, 'PUT', `/api/item_types/${type.body.id}`, { description: 'd' })).toBe(e.typePut)
    expect(await status(role, 'DELETE', `/api/item_types/${type.body.id}`)).toBe(e.typeDelete)
  })
})

describe('tags', () => {
  const expected: Record<Role, number> = {
    anonymous: 403,
    researcher: 403,
    contributor: 403 /* [239] */,
    admin: 204 /* [302] */,
    super: 204,
  }
  it.each(ROLES)('lets %s delete a tag only when admin or super', async (role) => {
    expect(await status(role, 'GET', '/api/tags/1')).toBe(200)
    expect(await status(role, 'DELETE', '/api/tags/1')).toBe(expected[role])
  })
})

describe('users', () => {
  const expected: Record<Role, { self: number | null; other: number }> = {
    anonymous: { self: null, other: 403 /* [195] */ },
    researcher: { self: 200 /* [202] */, other: 403 /* [203] */ },
    contributor: { self: 200 /* [200] */, other: 403 /* [201] */ },
    admin: { self: 200 /* acl: Omeka_Acl_Assert_User lets anyone see themselves */, other: 403 /* [198, 199] */ },
    super: { self: 200 /* [196] */, other: 200 /* [197] */ },
  }
  it.each(ROLES)("applies Omeka's rules for %s", async (role) => {
    const e = expected[role]
    if (e.self !== null) expect(await status(role, 'GET', `/api/users/${USER_ID[role]}`)).toBe(e.self)
    expect(await status(role, 'GET', `/api/users/${role === 'super' ? 3 : 1}`)).toBe(e.other)
    // The Classic API has no user writes for anyone [217, 218].
    expect(await status(role, 'POST', '/api/users', {})).toBe(405)
    expect(await status(role, 'PUT', '/api/users/1', {})).toBe(405)
    expect(await status(role, 'DELETE', '/api/users/1')).toBe(405)
  })
})
