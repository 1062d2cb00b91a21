import { describe, expect, it } from 'vitest'
import { canonicalOrigin, normalizeEndpoint, redactText, redactUrl } from './origin.js'

describe('canonical origin', () => {
  it('treats scheme, host case, www., trailing slashes and a trailing /api as the same origin', () => {
    const forms = [
      'https://www.Example.org/api/',
      'http://example.org',
      'HTTP://EXAMPLE.ORG/api',
      'http://example.org:80/api//',
    ]
    expect(new Set(forms.map((f) => canonicalOrigin(normalizeEndpoint(f)!))).size).toBe(1)
    expect(canonicalOrigin('https://example.org/omeka/api')).toBe('example.org/omeka')
  })
  it('keeps different paths and ports apart', () => {
    expect(canonicalOrigin('http://example.org:8081/api')).not.toBe(canonicalOrigin('http://example.org/api'))
    expect(canonicalOrigin('http://example.org/a/api')).not.toBe(canonicalOrigin('http://example.org/b/api'))
  })
  it('rejects endpoints without an http(s) scheme, as the plugin does', () => {
    expect(normalizeEndpoint('127.0.0.1:8081/api')).toBeNull()
    expect(normalizeEndpoint('ftp://x.org/api')).toBeNull()
    expect(normalizeEndpoint('  http://127.0.0.1:8081/api/  ')).toBe('http://127.0.0.1:8081/api')
  })
})

describe('redaction', () => {
  it('removes the key from URLs and messages', () => {
    expect(redactUrl('http://x.org/api/items?page=2&key=secret&per_page=50')).toBe(
      'http://x.org/api/items?page=2&per_page=50',
    )
    expect(redactText('GET http://x.org/api/items?key=secret failed (secret)', 'secret')).not.toContain('secret')
  })
})
