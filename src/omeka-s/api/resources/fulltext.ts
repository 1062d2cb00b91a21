import { memoUntilChange, prepared, type Db } from '../../db/client.js'

// Omeka S 4.2.0 searches `fulltext_search` (one row per resource and site page: its title and the text
// Omeka's FulltextSearch listener writes) with `MATCH(title, text) AGAINST (?)`, MariaDB InnoDB FULLTEXT in
// natural-language mode. This module reproduces that by hand (no SQLite tokenizer does InnoDB's):
// - tokens are runs of letters, digits and `_` (InnoDB's true_word_char), compared without case or
//   accents (the utf8mb4_unicode_ci collation of the index's words);
// - tokens shorter than innodb_ft_min_token_size (3) or longer than innodb_ft_max_token_size (84), and the
//   words of INNODB_FT_DEFAULT_STOPWORD, are not indexed and not searched;
// - relevance: for each distinct query word, TF × IDF², with IDF = log10(documents / documents holding the
//   word) (log10(1.0001) when every document holds it), summed as a float (InnoDB's fts_rank_t).

import { INNODB_STOPWORDS, foldWord, ftTokens, ftCount } from './fulltext-tokens.js'

export { INNODB_STOPWORDS, foldWord, ftTokens, ftCount }

/**
 * The words a natural-language query searches: distinct, folded, indexable. In natural-language mode
 * InnoDB's lexer still reads a double-quoted string as a phrase; a phrase's matches get no relevance
 * (fts_query_search_phrase adds them without ranking words), so under Omeka's `MATCH … > 0` it finds
 * nothing: recorded `"Map from Bristol, no"` answers no item though titles hold it word for word.
 */
export function ftQueryWords(query: string): string[] {
  const words = new Set<string>()
  const unquoted = query.replace(/"[^"\n]*"/g, ' ')
  for (const w of ftTokens(unquoted)) words.add(w)
  return [...words]
}

/** log10 as InnoDB's fts_query_calculate_idf takes it. */
export function innodbIdf(totalDocs: number, docCount: number): number {
  return docCount >= totalDocs ? Math.log10(1.0001) : Math.log10(totalDocs / docCount)
}

// Candidate rows come from the trigram indexes (a token of 3+ letters is a substring of the texts
// holding it); s_ft_count then keeps whole-token matches. Only public values are indexed
// (AbstractResourceEntityAdapter::getFulltextText), whoever asks: a literal's text, a URI's URI and
// label, a linked resource's title.
const TITLED = 'SELECT rowid FROM resource_title_fts WHERE resource_title_fts MATCH ?'
const TF_SQL = `SELECT rid, SUM(n) AS tf FROM (
  SELECT r.id AS rid, s_ft_count(r.title, ?) AS n FROM resource r WHERE r.id IN (${TITLED})
  UNION ALL
  SELECT v.resource_id, s_ft_count(v.value, ?) + s_ft_count(v.uri, ?) + s_ft_count(t.title, ?) FROM value v LEFT JOIN resource t ON t.id = v.value_resource_id
  WHERE v.is_public = 1 AND (v.id IN (SELECT rowid FROM value_fts WHERE value_fts MATCH ?) OR v.value_resource_id IN (${TITLED}))
) GROUP BY rid HAVING SUM(n) > 0`
const DOCS_SQL = 'SELECT (SELECT COUNT(*) FROM resource) + (SELECT COUNT(*) FROM site_page) AS n'

/**
 * Each matching resource's relevance (every resource type, every visibility): resource id → score.
 * Remembered until the database changes (paging through a search scores it once).
 */
export function fulltextScores(db: Db, query: string): Map<number, number> {
  return memoUntilChange(db, `fulltext\n${query}`, () => computeScores(db, query))
}

/** fulltextScores as the JSON object (id → score) the search's `ft` subquery reads, also remembered. */
export function fulltextScoresJson(db: Db, query: string): string {
  return memoUntilChange(db, `fulltext-json\n${query}`, () =>
    JSON.stringify(Object.fromEntries(fulltextScores(db, query))),
  )
}

function computeScores(db: Db, query: string): Map<number, number> {
  const words = ftQueryWords(query)
  const scores = new Map<number, number>()
  if (words.length === 0) return scores
  const total = prepared<{ n: number }>(db, DOCS_SQL).get()!.n
  for (const w of words) {
    // The trigram index needs 3 characters of the word as written in the text: the folded word
    // misses accented spellings, which the scan below would find only through another candidate.
    const match = `"${w.replace(/"/g, '""')}"`
    const rows = prepared<{ rid: number; tf: number }>(db, TF_SQL).all(w, match, w, w, w, match, match)
    if (rows.length === 0) continue
    const idf = innodbIdf(total, rows.length)
    for (const { rid, tf } of rows) scores.set(rid, Math.fround((scores.get(rid) ?? 0) + Math.fround(tf * idf * idf)))
  }
  return scores
}
