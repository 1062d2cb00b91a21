import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { RdfXmlParser } from 'rdfxml-streaming-parser'
import type { Quad } from '@rdfjs/types'

/** One vocabulary member (class or property) as Omeka S stores it. */
export interface VocabularyMember {
  local_name: string
  label: string
  comment: string | null
}

/** One default vocabulary with its members in id order. */
export interface ParsedVocabulary {
  prefix: string
  namespace_uri: string
  label: string
  comment: string
  properties: VocabularyMember[]
  classes: VocabularyMember[]
}

/** The four vocabularies a fresh Omeka S install imports, in id order (InstallDefaultVocabulariesTask). */
export const DEFAULT_VOCABULARIES = [
  {
    file: 'dcterms.rdf',
    prefix: 'dcterms',
    namespace_uri: 'http://purl.org/dc/terms/',
    label: 'Dublin Core',
    comment: 'Basic resource metadata (DCMI Metadata Terms)',
  },
  {
    file: 'dctype.rdf',
    prefix: 'dctype',
    namespace_uri: 'http://purl.org/dc/dcmitype/',
    label: 'Dublin Core Type',
    comment: 'Basic resource types (DCMI Type Vocabulary)',
  },
  {
    file: 'bibo.owl',
    prefix: 'bibo',
    namespace_uri: 'http://purl.org/ontology/bibo/',
    label: 'Bibliographic Ontology',
    comment: 'Bibliographic metadata (BIBO)',
  },
  {
    file: 'foaf.rdf',
    prefix: 'foaf',
    namespace_uri: 'http://xmlns.com/foaf/0.1/',
    label: 'Friend of a Friend',
    comment: 'Relationships between people and organizations (FOAF)',
  },
] as const

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#'
const OWL = 'http://www.w3.org/2002/07/owl#'
const CLASS_TYPES = [`${RDFS}Class`, `${OWL}Class`]
const PROPERTY_TYPES = [
  `${RDF}Property`,
  ...[
    'ObjectProperty',
    'DatatypeProperty',
    'SymmetricProperty',
    'TransitiveProperty',
    'FunctionalProperty',
    'InverseFunctionalProperty',
  ].map((t) => OWL + t),
]
/** EasyRdf's label properties, in its order of preference (skos:prefLabel|rdfs:label|foaf:name|rss:title|dc:title|dc11:title). */
const LABEL_PROPERTIES = [
  'http://www.w3.org/2004/02/skos/core#prefLabel',
  `${RDFS}label`,
  'http://xmlns.com/foaf/0.1/name',
  'http://purl.org/rss/1.0/title',
  'http://purl.org/dc/terms/title',
  'http://purl.org/dc/elements/1.1/title',
]

/** EasyRdf's graph: each subject's predicates' objects in triple order, and the subjects of each rdf:type in triple order. */
interface Graph {
  index: Map<string, Map<string, Quad['object'][]>>
  ofType: Map<string, string[]>
}

/** Parses RDF/XML text into quads with rdfxml-streaming-parser. */
export function parseRdfXml(text: string, baseIRI: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = []
    const parser = new RdfXmlParser({ baseIRI })
    parser
      .on('data', (q: Quad) => quads.push(q))
      .on('error', reject)
      .on('end', () => resolve(quads))
    parser.end(text)
  })
}

function indexGraph(quads: Quad[]): Graph {
  const index: Graph['index'] = new Map()
  const ofType: Graph['ofType'] = new Map()
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode') continue
    let props = index.get(q.subject.value)
    if (!props) index.set(q.subject.value, (props = new Map()))
    let list = props.get(q.predicate.value)
    if (!list) props.set(q.predicate.value, (list = []))
    list.push(q.object)
    if (q.predicate.value === `${RDF}type`)
      ofType.set(q.object.value, [...(ofType.get(q.object.value) ?? []), q.subject.value])
  }
  return { index, ofType }
}

const firstLiteral = (props: Map<string, Quad['object'][]>, predicate: string): string | null =>
  props.get(predicate)?.find((o) => o.termType === 'Literal')?.value ?? null

/** EasyRdf's localName: what follows the last `/` or `#`. */
const localName = (uri: string): string => uri.slice(Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('#')) + 1)

/** The members of one kind: for each type in turn, its subjects in triple order, first occurrence of a local name wins. */
function collect(graph: Graph, namespace: string, types: string[]): VocabularyMember[] {
  const members = new Map<string, VocabularyMember>()
  for (const type of types)
    for (const uri of graph.ofType.get(type) ?? []) {
      const name = localName(uri)
      if (!name || uri !== namespace + name || members.has(name)) continue
      const props = graph.index.get(uri)!
      const label = LABEL_PROPERTIES.map((p) => firstLiteral(props, p)).find((l) => l !== null) ?? name
      members.set(name, { local_name: name, label, comment: firstLiteral(props, `${RDFS}comment`) })
    }
  return [...members.values()]
}

/**
 * Omeka S's RdfImporter (EasyRdf `allOfType` per member type, in the importer's type order) over a parsed graph:
 * only URIs equal to namespace + local name; label as EasyRdf's label(), else the local name; comment rdfs:comment.
 */
export function membersOf(
  quads: Quad[],
  namespace: string,
): { properties: VocabularyMember[]; classes: VocabularyMember[] } {
  const graph = indexGraph(quads)
  return { properties: collect(graph, namespace, PROPERTY_TYPES), classes: collect(graph, namespace, CLASS_TYPES) }
}

/** Parses the four default vocabulary files of `dir` into Omeka S's rows, in id order. */
export async function parseDefaultVocabularies(dir: string): Promise<ParsedVocabulary[]> {
  const out: ParsedVocabulary[] = []
  for (const { file, ...vocab } of DEFAULT_VOCABULARIES) {
    const quads = await parseRdfXml(readFileSync(join(dir, file), 'utf8'), vocab.namespace_uri)
    out.push({ ...vocab, ...membersOf(quads, vocab.namespace_uri) })
  }
  return out
}

/** One install file's records (fixture record shape without the derived `@` keys). */
export type InstallRecords = Record<'vocabularies' | 'properties' | 'resource_classes', Record<string, unknown>[]>

/** Numbers the parsed vocabularies and their members as a fresh install does: one id sequence per table, in import order. */
export function installRecords(vocabularies: ParsedVocabulary[]): InstallRecords {
  const out: InstallRecords = { vocabularies: [], properties: [], resource_classes: [] }
  vocabularies.forEach((v, i) => {
    const vocab = { 'o:id': i + 1 }
    out.vocabularies.push({
      'o:id': i + 1,
      'o:namespace_uri': v.namespace_uri,
      'o:prefix': v.prefix,
      'o:label': v.label,
      'o:comment': v.comment,
      'o:owner': null,
    })
    for (const [table, members] of [
      ['properties', v.properties],
      ['resource_classes', v.classes],
    ] as const)
      for (const m of members)
        out[table].push({
          'o:id': out[table].length + 1,
          'o:local_name': m.local_name,
          'o:label': m.label,
          'o:comment': m.comment,
          'o:term': `${v.prefix}:${m.local_name}`,
          'o:vocabulary': vocab,
        })
  })
  return out
}
