/**
 * Regenerates seed/omeka-s/install/{vocabularies,properties,resource_classes}.json from the four default
 * RDF/XML vocabularies, numbered as a fresh Omeka S 4.2.0 install numbers them.
 *   npx tsx scripts/build-s-vocabularies.ts [VOCABULARY_DIR]   (default ../shared/reference/vocabularies)
 */
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fixtureJson } from '../src/core/fixtures/pretty-json.js'
import { installRecords, parseDefaultVocabularies } from '../src/omeka-s/install/rdf-vocabularies.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const source = resolve(process.argv[2] ?? join(root, '../shared/reference/vocabularies'))
const target = join(root, 'seed/omeka-s/install')

const records = installRecords(await parseDefaultVocabularies(source))
for (const [name, list] of Object.entries(records)) {
  writeFileSync(join(target, `${name}.json`), `${fixtureJson(list)}\n`)
  console.log(`${name}.json: ${list.length} records`)
}
