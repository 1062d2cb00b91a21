import { describe, expect, it } from 'vitest'
import { ApiError } from './errors.js'
import { linkHeader, MAX_PAGE, pageRequest } from './pagination.js'
import { parsePhpQuery } from './php-query.js'

// Expected values: shared/reference/omeka-classic-api.md §3 (observed on Omeka Classic 3.2.1).
const q = (s: string) => parsePhpQuery(s)
const URL = 'http://127.0.0.1:8081/api/items'

describe('pageRequest', () => {
  it('uses per_page only when 0 < per_page < api_per_page', () => {
    expect(pageRequest(q('per_page=5'), 50).perPage).toBe(5)
    for (const v of ['0', 'abc', '50', '100', '-3']) expect(pageRequest(q(`per_page=${v}`), 50).perPage).toBe(50)
    expect(pageRequest(q('per_page=10'), 4).perPage).toBe(4)
  })

  it('reads page 1 for a missing, empty, zero or negative page but keeps the raw number for links', () => {
    expect(pageRequest(q(''), 50)).toMatchObject({ page: 1, rawPage: 1 })
    expect(pageRequest(q('page='), 50)).toMatchObject({ page: 1, rawPage: 1 })
    expect(pageRequest(q('page=0'), 50)).toMatchObject({ page: 1, rawPage: 0 })
    expect(pageRequest(q('page=-1'), 50)).toMatchObject({ page: 1, rawPage: -1 })
    expect(pageRequest(q('page=3'), 50)).toMatchObject({ page: 3, rawPage: 3 })
  })

  it('reads a leading integer as PHP arithmetic does', () => {
    expect(pageRequest(q('page=2abc'), 50).page).toBe(2)
    expect(pageRequest(q('page=+4'), 50).page).toBe(4)
  })

  it('answers 400 for a page that is not a number or is an array', () => {
    for (const bad of ['page=abc', 'page=%20x', 'page[]=1']) {
      try {
        pageRequest(q(bad), 50)
        expect.unreachable(`no error for ${bad}`)
      } catch (err) {
        expect(err).toBeInstanceOf(ApiError)
        expect((err as ApiError).status).toBe(400)
        expect((err as ApiError).message).toBe('Invalid GET request parameter: "page"')
      }
    }
  })

  it('caps absurdly large pages so SQL offsets stay integers', () => {
    expect(pageRequest(q('page=99999999999999999999'), 50).page).toBe(MAX_PAGE)
  })
})

describe('linkHeader', () => {
  it('appends page then per_page to a bare request', () => {
    expect(linkHeader(URL, q(''), 1, 50, 11)).toBe(
      `<${URL}?page=1&per_page=50>; rel="first", <${URL}?page=1&per_page=50>; rel="last"`,
    )
  })

  it('overwrites page and per_page in place and adds prev and next [070]', () => {
    expect(linkHeader(URL, q('per_page=5&page=2'), 2, 5, 11)).toBe(
      `<${URL}?per_page=5&page=1>; rel="first", <${URL}?per_page=5&page=3>; rel="last", <${URL}?per_page=5&page=1>; rel="prev", <${URL}?per_page=5&page=3>; rel="next"`,
    )
  })

  it('drops the key, keeps other parameters and encodes like http_build_query', () => {
    expect(linkHeader(URL, q('key=secret&tags=a,b&collection[]=1&collection[]=2'), 1, 50, 0)).toBe(
      `<${URL}?tags=a%2Cb&collection%5B0%5D=1&collection%5B1%5D=2&page=1&per_page=50>; rel="first", <${URL}?tags=a%2Cb&collection%5B0%5D=1&collection%5B1%5D=2&page=0&per_page=50>; rel="last"`,
    )
  })

  it('computes prev and next from the raw page [075, 081]', () => {
    expect(linkHeader(URL, q('page=-1'), -1, 50, 11)).toContain(`<${URL}?page=0&per_page=50>; rel="next"`)
    const beyond = linkHeader(URL, q('per_page=3&page=2&featured=1'), 2, 3, 2)
    expect(beyond).toContain(`<${URL}?per_page=3&page=1&featured=1>; rel="prev"`)
    expect(beyond).not.toContain('rel="next"')
  })

  it('uses the effective per_page in links', () => {
    expect(linkHeader(URL, q('per_page=100'), 1, 50, 1)).toBe(
      `<${URL}?per_page=50&page=1>; rel="first", <${URL}?per_page=50&page=1>; rel="last"`,
    )
  })
})
