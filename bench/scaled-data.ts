import { openDataDir, initialise } from '../src/classic/bootstrap.js'
import { ORIGIN_BIG, ORIGIN_BIG_TERMS, cli, finish, hasCommand, superKey } from './proc.js'

/**
 * A data dir holding `items` items: origin-big loaded once, then its items (with their element
 * texts and taggings, not their files) copied under new ids until the count is reached.
 * Copying rows in SQL takes seconds where a 100,000-item fixture (≈ 480 MB of JSON) would take minutes.
 */
export function replicateOriginBig(dataDir: string, items: number): void {
  const deps = openDataDir(dataDir, { control: false, maxUploadBytes: 1 << 20 })
  const sqlite = deps.db.$client
  try {
    initialise(deps, { fixture: ORIGIN_BIG, empty: false })
    const base = (sqlite.prepare('SELECT MAX(id) AS n FROM items').get() as { n: number }).n
    const copyItems = sqlite.prepare(
      `INSERT INTO items (id, item_type_id, collection_id, featured, public, added, modified, owner_id)
       SELECT id + @off, item_type_id, collection_id, featured, public, added, modified, owner_id FROM items WHERE id <= @base AND id + @off <= @max`,
    )
    const copyTexts = sqlite.prepare(
      `INSERT INTO element_texts (record_id, record_type, element_id, html, text)
       SELECT record_id + @off, record_type, element_id, html, text FROM element_texts
       WHERE record_type = 'Item' AND record_id <= @base AND record_id + @off <= @max ORDER BY id`,
    )
    const copyTags = sqlite.prepare(
      `INSERT INTO records_tags (record_id, record_type, tag_id, time)
       SELECT record_id + @off, record_type, tag_id, time FROM records_tags
       WHERE record_type = 'Item' AND record_id <= @base AND record_id + @off <= @max ORDER BY id`,
    )
    const copy = sqlite.transaction((off: number) => {
      const args = { off, base, max: items }
      copyItems.run(args)
      copyTexts.run(args)
      copyTags.run(args)
    })
    for (let off = base; off < items; off += base) copy(off)
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
    sqlite.exec('ANALYZE')
  } finally {
    sqlite.close()
  }
}

/** A data set to read from: how it was made, the super user's key and words that match some of it. */
export interface Dataset {
  how: string
  key: string
  /** A word of item 2's title (search=) and the first tag (tags=), read from the running site by `terms()`. */
  terms?: { search: string; tag: string }
}

/**
 * Fills a data dir with `items` items: `omeka-twin seed` when it exists (its synthetic site, the key
 * it prints), else origin-big replicated (origin-big's key and words).
 */
export async function seedDataDir(dataDir: string, items: number): Promise<Dataset> {
  if (await hasCommand('seed')) {
    const res = await finish(cli(['seed', '--data', dataDir, '--items', String(items)]))
    const key = /user 1 .*key ([0-9a-f]{40})/.exec(res.output)?.[1]
    if (res.code === 0 && key) return { how: 'omeka-twin seed', key }
    console.warn(`omeka-twin seed failed (${res.code}), replicating origin-big instead:\n${res.output.slice(-1000)}`)
  }
  replicateOriginBig(dataDir, items)
  return { how: 'origin-big replicated', key: superKey(), terms: ORIGIN_BIG_TERMS }
}

/** Words that match part of a running site: a long word of item 2's title and the first tag's name. */
export async function siteTerms(base: string, key: string): Promise<{ search: string; tag: string }> {
  const item = (await (await fetch(`${base}/api/items/2?key=${key}`)).json()) as {
    element_texts: { text: string; element: { name: string } }[]
  }
  const title = item.element_texts.find((e) => e.element.name === 'Title')?.text ?? ''
  const search = title.split(/[^A-Za-z]+/).sort((a, b) => b.length - a.length)[0] ?? 'a'
  const tags = (await (await fetch(`${base}/api/tags?per_page=1&key=${key}`)).json()) as { name: string }[]
  return { search, tag: tags[0]?.name ?? '' }
}
