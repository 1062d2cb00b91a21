import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEYS, testApp, type TestApp } from '../../../../test/helpers.js'
import { expectRecorded } from '../../../../test/recorded.js'

// Expected values: the recorded cases (numbers below) and shared/reference/omeka-classic-api.md §1, §6, §8.
let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

describe('users: reading', () => {
  it.each([196, 197, 200])('answers case %i as real Omeka did', (no) => expectRecorded(t, no))
})

describe('users: errors', () => {
  it.each([194, 204, 205, 217, 218])('answers error case %i as real Omeka did', (no) => expectRecorded(t, no))

  it('answers 404 for a non-numeric or zero id', async () => {
    for (const id of ['abc', '0', '-1']) expect((await t.json(`/api/users/${id}?key=${KEYS.super}`)).status).toBe(404)
  })
})

describe('users: permissions', () => {
  it.each([198, 199, 201, 203])('refuses to show other users as in case %i', (no) => expectRecorded(t, no))

  it('refuses anonymous callers [195]', async () => {
    expect(await t.json('/api/users/1')).toMatchObject({ status: 403, body: { message: 'Permission denied.' } })
  })
})
