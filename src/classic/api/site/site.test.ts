import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp, type TestApp } from '../../../../test/helpers.js'
import { expectRecorded } from '../../../../test/recorded.js'

// Expected values: the recorded cases (numbers below) and shared/reference/omeka-classic-api.md §1, §6, §8.
let t: TestApp
beforeAll(() => {
  t = testApp()
})
afterAll(() => t.close())

describe('site: reading', () => {
  it.each([27, 28, 29, 31])('answers case %i as real Omeka did', (no) => expectRecorded(t, no))

  it("builds omeka_url from the request's Host header, as Omeka does", async () => {
    const res = await t.request('/api/site', { headers: { Host: 'example.org:8443' } })
    expect((await res.json()).omeka_url).toBe('http://example.org:8443')
  })
})

describe('site: errors', () => {
  it.each([32, 39, 206])('answers error case %i as real Omeka did', (no) => expectRecorded(t, no))
})

describe('site: permissions', () => {
  it('is readable by anyone, with or without a key', async () => {
    expect((await t.json('/api/site')).status).toBe(200)
  })
})
