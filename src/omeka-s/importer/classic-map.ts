/**
 * Classic → S mapping tables, as Omeka2Importer's defaults with "improved data mapping" (see
 * shared/reference/omeka2importer-observed.md): Dublin Core by label, Item Type Metadata to
 * bibo/foaf/dcterms or the Omeka Classic vocabulary (`oc:`), item types to classes.
 */

/** The "Omeka Classic" vocabulary created on demand for elements and types with no standard term. */
export const OC_VOCABULARY = {
  namespaceUri: 'http://omeka.org/s/vocabs/omeka-classic#',
  prefix: 'oc',
  label: 'Omeka Classic',
  comment: 'Omeka Classic item types and elements without a standard term',
}

const ITEM_TYPE_METADATA: Record<string, string> = {
  Interviewer: 'bibo:interviewer',
  Interviewee: 'bibo:interviewee',
  'Physical Dimensions': 'dcterms:extent',
  Producer: 'bibo:producer',
  Director: 'bibo:director',
  URL: 'bibo:uri',
  'Birth Date': 'foaf:birthday',
  'Local URL': 'oc:localUrl',
  'Bit Rate/Frequency': 'oc:bitRateFrequency',
  CC: 'oc:cc',
  BCC: 'oc:bcc',
}

const CLASSES: Record<string, string> = {
  Text: 'dctype:Text',
  'Moving Image': 'dctype:MovingImage',
  Sound: 'dctype:Sound',
  'Still Image': 'dctype:StillImage',
  Event: 'dctype:Event',
  Person: 'foaf:Person',
  'Interactive Resource': 'dctype:InteractiveResource',
  Dataset: 'dctype:Dataset',
  'Physical Object': 'dctype:PhysicalObject',
  Service: 'dctype:Service',
  Software: 'dctype:Software',
}

const words = (name: string) => name.split(/[^A-Za-z0-9]+/).filter(Boolean)
const camel = (name: string) =>
  words(name)
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join('')
const pascal = (name: string) =>
  words(name)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('')

/** The term of a Classic element: DC by label (the caller checks the dcterms label), ITM by the table, else `oc:`. */
export function elementTerm(set: string, name: string, dcByLabel: (label: string) => string | null): string | null {
  if (set === 'Dublin Core') return dcByLabel(name)
  return ITEM_TYPE_METADATA[name] ?? (camel(name) ? `oc:${camel(name)}` : null)
}

/** The class term of a Classic item type. */
export function itemTypeClass(name: string): string | null {
  return CLASSES[name] ?? (pascal(name) ? `oc:${pascal(name)}` : null)
}

/** The label a generated `oc:` member shows. */
export function ocLabel(term: string, names: Map<string, string>): string {
  return names.get(term) ?? term.slice(3)
}
