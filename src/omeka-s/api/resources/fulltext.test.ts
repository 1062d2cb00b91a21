import { describe, expect, it } from 'vitest'
import { ftCount, ftQueryWords, ftTokens, innodbIdf, INNODB_STOPWORDS } from './fulltext.js'

// InnoDB FULLTEXT in natural-language mode, as Omeka S 4.2.0 queries `fulltext_search`; the expected
// values are MariaDB's documented behaviour and recorded conformance/s-random answers.

describe('tokens', () => {
  it('splits on anything but letters, digits and _, folds case and accents, drops short words and stopwords', () => {
    expect(ftTokens('Receipt from Le Havre, no. 9')).toEqual(['receipt', 'havre'])
    expect(ftTokens('Ålesund notes — CAFÉ_bar 1825')).toEqual(['alesund', 'notes', 'cafe_bar', '1825'])
    expect(ftTokens('salt-fish')).toEqual(['salt', 'fish'])
  })

  it('knows the words of INNODB_FT_DEFAULT_STOPWORD (36 rows, `the` twice)', () => {
    expect(INNODB_STOPWORDS.size).toBe(35)
    for (const w of ['about', 'com', 'und', 'www', 'will', 'with']) expect(INNODB_STOPWORDS.has(w)).toBe(true)
    expect(INNODB_STOPWORDS.has('letter')).toBe(false)
  })

  it('counts whole tokens only: a prefix or a substring is no match', () => {
    expect(ftCount('Chapel and chapels; CHAPEL', 'chapel')).toBe(2)
    expect(ftCount('harbours', 'harbour')).toBe(0)
    expect(ftCount(null, 'chapel')).toBe(0)
  })
})

describe('query words', () => {
  it('reads punctuation-wrapped and hyphenated words as their tokens (recorded `(letter)`, `salt-fish`)', () => {
    expect(ftQueryWords('(letter)')).toEqual(['letter'])
    expect(ftQueryWords('salt-fish')).toEqual(['salt', 'fish'])
    expect(ftQueryWords('COUSIN cousin')).toEqual(['cousin'])
  })

  it('searches nothing for a quoted phrase (recorded: `"Map from Bristol, no"` finds no item) or for stopwords alone', () => {
    expect(ftQueryWords('"Map from Bristol, no"')).toEqual([])
    expect(ftQueryWords('"Receipt from Le Havr"')).toEqual([])
    expect(ftQueryWords('"harbour" chapel')).toEqual(['chapel'])
    expect(ftQueryWords('the of a')).toEqual([])
  })
})

describe('relevance', () => {
  it("weighs a word by log10(documents / documents holding it), and InnoDB's small constant when all do", () => {
    expect(innodbIdf(2520, 252)).toBeCloseTo(1, 10)
    expect(innodbIdf(100, 100)).toBeCloseTo(Math.log10(1.0001), 12)
    expect(innodbIdf(2520, 10)).toBeGreaterThan(innodbIdf(2520, 1000))
  })
})
