import type Database from 'better-sqlite3'
import { ciFold } from './mysql-collation.js'

/**
 * The word index behind Classic's simple search (`search=`, Table_Item::_simpleSearch: an item text LIKE
 * `%terms%` under utf8mb4_unicode_ci). `item_search_fts` (FTS5, contentless, rowid = item id) holds, for each
 * item, every suffix of every word of its folded texts (words: runs of letters and digits of ciFold's
 * output, which ciLike compares against). A word of the folded pattern is then in an item's text exactly
 * when some indexed suffix starts with it: one FTS5 prefix query instead of a LIKE over every text.
 * The index only pre-selects: unless the pattern is `%word%` itself, ciLike decides on the candidates.
 * Triggers on element_texts (migrations/0007_item_search.sql) mark an item stale in the writing transaction
 * (plain SQL: another process may write too); a search reads stale items' texts with ciLike instead of
 * their words, and refreshItemSearch re-indexes them.
 */

/** Suffixes longer than this are cut (a long CJK run would otherwise index its length squared). */
export const MAX_SUFFIX = 32

const WORD = /[\p{L}\p{N}]+/gu

/** The indexed words of an item's texts (joined with any separator): distinct suffixes, space-separated. */
export function searchWords(text: unknown): string {
  if (typeof text !== 'string') return ''
  const out = new Set<string>()
  for (const word of ciFold(text).match(WORD) ?? []) {
    if (out.has(word)) continue
    const chars = [...word]
    for (let i = 0; i < chars.length; i++) out.add(chars.slice(i, i + MAX_SUFFIX).join(''))
  }
  return [...out].join(' ')
}

/**
 * How the index answers `text LIKE pattern` (ciLike's rules: the folded pattern, `%`, `_`, `\` escapes):
 * the FTS5 query for the longest word among the pattern's literal runs, and whether a match is already
 * exact (the pattern is `%word%`). Undefined when the pattern has no word to look up (then every text is read).
 */
export function searchPlan(pattern: string): { match: string; exact: boolean } | undefined {
  const chars = [...ciFold(pattern)]
  const runs: string[] = []
  let run = ''
  let wildcards = 0
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!
    if (c === '\\' && i + 1 < chars.length) run += chars[++i]
    else if (c === '%' || c === '_') {
      runs.push(run)
      run = ''
      wildcards++
    } else run += c
  }
  runs.push(run)
  let best = ''
  for (const r of runs) for (const w of r.match(WORD) ?? []) if ([...w].length > [...best].length) best = w
  if (!best) return undefined
  const word = [...best]
  const exact =
    word.length <= MAX_SUFFIX &&
    wildcards === 2 &&
    chars.length === word.length + 2 &&
    chars[0] === '%' &&
    chars[chars.length - 1] === '%'
  return { match: `"${word.slice(0, MAX_SUFFIX).join('')}" *`, exact }
}

/** Refills item_search_fts from element_texts (after a bulk insert with its triggers set aside). */
export const REBUILD_ITEM_SEARCH = `INSERT INTO item_search_fts(item_search_fts) VALUES ('delete-all');
INSERT INTO item_search_fts(rowid, words) SELECT record_id, omeka_search_words(group_concat(text, char(10)))
  FROM element_texts WHERE record_type = 'Item' GROUP BY record_id;
DELETE FROM item_search_fts_stale;`

const REFRESH = `DELETE FROM item_search_fts WHERE rowid IN (SELECT item_id FROM item_search_fts_stale);
INSERT INTO item_search_fts(rowid, words) SELECT record_id, omeka_search_words(group_concat(text, char(10)))
  FROM element_texts WHERE record_type = 'Item' AND record_id IN (SELECT item_id FROM item_search_fts_stale) GROUP BY record_id;
DELETE FROM item_search_fts_stale;`

/** Stale items a search reads by LIKE before the index is refreshed (a few writes cost no write on a read). */
const REFRESH_AT = 64

/**
 * Re-indexes the items whose texts changed since they were indexed, once there are enough of them (the
 * searches stay exact meanwhile). Skipped inside a transaction or when another process holds the lock.
 */
export function refreshItemSearch(sqlite: Database.Database): void {
  if (sqlite.inTransaction) return
  const stale = sqlite.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM item_search_fts_stale LIMIT ${REFRESH_AT})`)
  if ((stale.get() as { n: number }).n < REFRESH_AT) return
  try {
    sqlite.transaction(() => sqlite.exec(REFRESH))()
  } catch {
    // Busy: nothing was written; the stale items are still read by LIKE.
  }
}
