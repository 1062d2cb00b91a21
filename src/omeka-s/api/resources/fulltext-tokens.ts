// InnoDB FULLTEXT's tokenizer as Omeka S's search meets it (see fulltext.ts); pure, so the database's SQL
// functions (db/functions.ts) can use it without importing the search.

/** INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD (MariaDB and MySQL). */
export const INNODB_STOPWORDS: ReadonlySet<string> = new Set(
  'a about an are as at be by com de en for from how i in is it la of on or that the this to was what when where who will with und www'.split(
    ' ',
  ),
)
const MIN_TOKEN = 3
const MAX_TOKEN = 84
const WORD = /[\p{L}\p{N}\p{M}_]+/gu

/** A word as the index compares it: lower case, accents off (utf8mb4_unicode_ci equality). */
export const foldWord = (w: string): string => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

const indexable = (w: string): boolean => {
  const n = [...w].length
  return n >= MIN_TOKEN && n <= MAX_TOKEN && !INNODB_STOPWORDS.has(w)
}

/** The indexed tokens of a text, folded, in order (stopwords and short words left out). */
export function ftTokens(text: string | null | undefined): string[] {
  if (!text) return []
  const out: string[] = []
  for (const m of text.matchAll(WORD)) {
    const w = foldWord(m[0])
    if (indexable(w)) out.push(w)
  }
  return out
}

/** How many times the (folded) word occurs as a token of the text. */
export function ftCount(text: unknown, word: unknown): number {
  if (typeof text !== 'string' || typeof word !== 'string' || text === '') return 0
  let n = 0
  for (const t of ftTokens(text)) if (t === word) n++
  return n
}
