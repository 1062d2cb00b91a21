import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SHARED } from '../../../test/helpers.js'
import { installRecords, membersOf, parseDefaultVocabularies, parseRdfXml } from './rdf-vocabularies.js'

// Expected values: shared/conformance/s/fixture-fresh (a fresh Omeka S 4.2.0 install, served by its API)
// and shared/reference/omeka-s-api.md §7 (ids and counts).
const FRESH = join(SHARED, 'conformance/s/fixture-fresh')
const INSTALL = fileURLToPath(new URL('../../../seed/omeka-s/install', import.meta.url))
const read = (dir: string, name: string) =>
  JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Record<string, unknown>[]
const TABLES = ['vocabularies', 'properties', 'resource_classes'] as const

/** A fixture record without its derived `@` keys (the install files keep only data). */
function dataOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dataOf)
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !k.startsWith('@'))
        .map(([k, v]) => [k, dataOf(v)]),
    )
  return value
}

describe('default vocabularies', async () => {
  const parsed = installRecords(await parseDefaultVocabularies(join(SHARED, 'reference/vocabularies')))

  it('numbers them as Omeka S does: 4 vocabularies, 184 properties, 105 classes, dcterms:title = 1', () => {
    expect(parsed.vocabularies).toHaveLength(4)
    expect(parsed.properties).toHaveLength(184)
    expect(parsed.resource_classes).toHaveLength(105)
    expect(parsed.properties[0]).toMatchObject({ 'o:id': 1, 'o:term': 'dcterms:title', 'o:label': 'Title' })
    expect(parsed.properties[3]).toMatchObject({ 'o:id': 4, 'o:term': 'dcterms:description' })
  })

  it.each(TABLES)('gives exactly the ids, terms, labels and comments of fixture-fresh %s.json', (table) => {
    expect(parsed[table]).toEqual(dataOf(read(FRESH, table)))
  })

  it.each(TABLES)(
    'committed seed/omeka-s/install/%s.json equals a fresh parse (rerun scripts/build-s-vocabularies.ts)',
    (table) => {
      expect(read(INSTALL, table)).toEqual(parsed[table])
    },
  )
})

describe('membersOf (the RdfImporter rules)', () => {
  const NS = 'http://example.org/ns/'
  const doc = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
  xmlns:owl="http://www.w3.org/2002/07/owl#" xmlns:skos="http://www.w3.org/2004/02/skos/core#">
  <owl:Class rdf:about="${NS}Early"><rdfs:subClassOf><rdfs:Class rdf:about="${NS}Nested"/></rdfs:subClassOf></owl:Class>
  <rdfs:Class rdf:about="${NS}Plain"><rdfs:label>Plain label</rdfs:label><skos:prefLabel>Preferred</skos:prefLabel></rdfs:Class>
  <rdf:Property rdf:about="${NS}unlabelled"/>
  <rdf:Property rdf:about="${NS}deep/other"><rdfs:label>Not in the namespace</rdfs:label></rdf:Property>
  <owl:ObjectProperty rdf:about="${NS}knows"><rdfs:comment>Knows someone.</rdfs:comment></owl:ObjectProperty>
  <rdf:Property rdf:about="http://elsewhere.org/x"/>
</rdf:RDF>`

  it('takes rdfs:Class members before owl:Class ones, prefers skos:prefLabel, falls back to the local name', async () => {
    const m = membersOf(await parseRdfXml(doc, NS), NS)
    expect(m.classes.map((c) => c.local_name)).toEqual(['Nested', 'Plain', 'Early'])
    expect(m.classes[1]).toEqual({ local_name: 'Plain', label: 'Preferred', comment: null })
    expect(m.properties).toEqual([
      { local_name: 'unlabelled', label: 'unlabelled', comment: null },
      { local_name: 'knows', label: 'knows', comment: 'Knows someone.' },
    ])
  })
})
