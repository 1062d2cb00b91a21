import { describe, expect, it } from 'vitest'
import { redactUrl } from './journal.js'

describe('journal: key redaction', () => {
  it.each([
    ['/api/items?key=secret&page=2', '/api/items?key=[REDACTED]&page=2'],
    ['/api/items?%6Bey=secret', '/api/items?%6Bey=[REDACTED]'],
    ['/api/items?%6b%65%79=secret', '/api/items?%6b%65%79=[REDACTED]'],
    [
      '/api/items?key%5Fidentity=id&key_credential=cred',
      '/api/items?key%5Fidentity=[REDACTED]&key_credential=[REDACTED]',
    ],
    ['/api/items?key%5B%5D=secret&key[x]=s2', '/api/items?key%5B%5D=[REDACTED]&key[x]=[REDACTED]'],
    ['/api/items?page=1&KEY=secret#top', '/api/items?page=1&KEY=[REDACTED]#top'],
    ['/api/items?keyword=harbour&monkey=1', '/api/items?keyword=harbour&monkey=1'],
    ['/api/items?%ZZkey=1&key=%E0%A4', '/api/items?%ZZkey=1&key=[REDACTED]'],
  ])('%s → %s', (url, redacted) => {
    expect(redactUrl(`http://h${url}`)).toBe(`http://h${redacted}`)
  })
})
