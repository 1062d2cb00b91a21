import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { RecordFragments } from './fragments.js'
import { phpJsonEncode } from './php-json.js'
import { stampedResponseCache } from './response-cache.js'
import { labelState, stateKey } from './state-labels.js'

describe('state labels', () => {
  it('name a state only while the connection is at the labelled stamp', () => {
    const conn = {}
    expect(stateKey(conn, '5:1:3')).toBe('5:1:3')
    labelState(conn, '5:1:3', 'template-a')
    expect(stateKey(conn, '5:1:3')).toBe('state:template-a')
    expect(stateKey(conn, '6:1:3')).toBe('6:1:3')
    expect(stateKey({}, '5:1:3')).toBe('5:1:3')
  })
})

describe('caches keep the answers of a named state for when it comes back', () => {
  it('response cache: a named state is answered from its old entries; a plain stamp starts empty', async () => {
    let stamp = 'state:template-a'
    let made = 0
    const app = new Hono()
    app.use(
      '*',
      stampedResponseCache({
        stamp: () => stamp,
        cacheable: () => true,
        key: (c) => c.req.url,
        answer: (c) => c.get('classicAnswer'),
      }),
    )
    app.get('/x', (c) => {
      made++
      const answer = { status: 200, headers: { 'Content-Type': 'application/json' }, body: `{"made":${made}}` }
      c.set('classicAnswer', answer)
      return c.body(answer.body, 200)
    })
    const get = async () => (await app.request('http://h/x')).text()
    expect(await get()).toBe('{"made":1}')
    expect(await get()).toBe('{"made":1}')
    stamp = '17:2:9'
    expect(await get()).toBe('{"made":2}')
    stamp = 'state:template-a'
    expect(await get()).toBe('{"made":1}')
    stamp = '18:2:9'
    expect(await get()).toBe('{"made":3}')
    // A plain stamp left behind is forgotten (it can never come back).
    stamp = '17:2:9'
    expect(await get()).toBe('{"made":4}')
  })

  it('record fragments: records of a named state are not represented again when it comes back', () => {
    const f = new RecordFragments()
    let represented = 0
    const page = (stamp: string, title: string) =>
      f
        .page(
          { stamp, variant: 'v', origin: 'http://h', encode: (v) => phpJsonEncode(v) },
          [1, 2],
          (r) => r,
          (missing) => {
            represented += missing.length
            return missing.map((id) => ({ id, title }))
          },
        )
        .map((e) => e.text)
    expect(page('state:t', 'a')).toEqual(['{"id":1,"title":"a"}', '{"id":2,"title":"a"}'])
    expect(represented).toBe(2)
    expect(page('9:1:1', 'b')).toEqual(['{"id":1,"title":"b"}', '{"id":2,"title":"b"}'])
    expect(page('state:t', 'c')).toEqual(['{"id":1,"title":"a"}', '{"id":2,"title":"a"}'])
    expect(represented).toBe(4)
  })
})
