import { openDataDir, initialise } from '../src/bootstrap.js'
import { ORIGIN_BIG, cli, finish, hasCommand } from './proc.js'

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

/** Fills a data dir with `items` items: `omeka-twin seed` when it exists, else replication. Returns how. */
export async function seedDataDir(dataDir: string, items: number): Promise<string> {
  if (await hasCommand('seed')) {
    const res = await finish(cli(['seed', '--data', dataDir, '--items', String(items)]))
    if (res.code === 0) return 'omeka-twin seed'
    console.warn(`omeka-twin seed failed (${res.code}), replicating origin-big instead:\n${res.output.slice(-1000)}`)
  }
  replicateOriginBig(dataDir, items)
  return 'origin-big replicated'
}
