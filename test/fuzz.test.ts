import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hostileApp, type HostileApp } from './hostile-helpers.js'

/**
 * Property-based fuzzing of every route of both flavours and the control plane's body parsing: random
 * query parameters (known and unknown names, huge numbers, long lists, nested arrays) and random bodies
 * (JSON of any shape, deep nesting, broken JSON, multipart with random parts), anonymous or with a key.
 * A run is bounded and repeatable: FUZZ_RUNS requests per property (default below), seeded by FUZZ_SEED.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100)
const SEED = Number(process.env.FUZZ_SEED ?? 20261204)

/**
 * The 5xx answers real Omeka gives by design, recorded from it (shared/conformance): anything else is a bug.
 * Omeka S: an unknown resource, an operation its adapter lacks, an unknown return_scalar field, a module or
 * data type that is not a resource. Classic: an upload of a disallowed file type (Omeka's ingest throws).
 */
const BY_DESIGN_5XX = [
  /^The API does not support the "[^"]*" resource\.$/,
  /^The Omeka\\Api\\Adapter\\\w+ adapter does not implement the \w+ operation\.$/,
  /^The ".*" field is not available in the Omeka\\Api\\Adapter\\\w+ adapter class\.$/,
  /^API response content must implement Omeka\\Api\\ResourceInterface\.$/,
  /^The file '.*' could not be ingested because it has a disallowed (file extension|MIME type)/,
]

/** The error message of an answer in either flavour's format (pretty-printed or JSONP too), or its text. */
function errorMessage(text: string): string {
  try {
    const v = JSON.parse(text.replace(/^[^({[]*\(([\s\S]*)\);$/, '$1')) as {
      message?: unknown
      errors?: { error?: unknown }
    }
    return String(v.errors?.error ?? v.message ?? text)
  } catch {
    return text
  }
}

const CLASSIC = [
  'items',
  'collections',
  'files',
  'tags',
  'elements',
  'element_sets',
  'item_types',
  'users',
  'site',
  'resources',
  'imports',
  'import_records',
  'nope',
]
const S = [
  'items',
  'item_sets',
  'media',
  'sites',
  'site_pages',
  'vocabularies',
  'properties',
  'resource_classes',
  'resource_templates',
  'users',
  'assets',
  'jobs',
  'modules',
  'api_resources',
  'data_types',
  'value_annotations',
  'resources',
  'nope',
]
const PARAMS = [
  'page',
  'per_page',
  'sort_field',
  'sort_dir',
  'sort_by',
  'sort_order',
  'limit',
  'offset',
  'range',
  'tags',
  'excludeTags',
  'collection',
  'item_type',
  'featured',
  'public',
  'added_since',
  'modified_since',
  'owner',
  'hasImage',
  'search',
  'advanced',
  'item',
  'order',
  'size_greater_than',
  'has_derivative_image',
  'mime_type',
  'element_set',
  'name',
  'record_type',
  'id',
  'item_set_id',
  'owner_id',
  'resource_class_id',
  'resource_template_id',
  'property',
  'fulltext_search',
  'site_id',
  'item_id',
  'vocabulary_id',
  'term',
  'local_name',
  'slug',
  'is_public',
  'return_scalar',
  'created',
  'modified',
  'pretty_print',
  'callback',
  'media_type',
  'ingester',
  'renderer',
  'has_media',
  'in_sites',
  'x',
]

const hostileText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '',
    '0',
    '-1',
    '1e309',
    'NaN',
    '99999999999999999999',
    '9'.repeat(320),
    '1-99999999999999999999',
    'abc',
    '%00',
    '\u0000',
    'é',
    '😀',
    '../../etc',
    "'; DROP TABLE items; --",
    '<script>',
    'Dublin Core,Title',
    'eq',
    'in',
    'nex',
  ),
  fc.array(fc.nat({ max: 30 }), { maxLength: 40 }).map((ns) => ns.join(',')),
  fc.integer().map(String),
  fc.double().map(String),
)

/** A PHP query string: scalars, `a[]=` lists and `a[k][j]=` nests, names known or not. */
const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...PARAMS), fc.string({ minLength: 1, maxLength: 6 })),
      fc.constantFrom(
        '',
        '[]',
        '[0]',
        '[0][property]',
        '[0][type]',
        '[0][text]',
        '[0][element_id]',
        '[0][terms]',
        '[x][y]',
        '[',
        ']',
      ),
      hostileText,
    ),
    { maxLength: 6 },
  )
  .map((pairs) => pairs.map(([k, sub, v]) => `${encodeURIComponent(k)}${sub}=${encodeURIComponent(v)}`).join('&'))

const omekaFields = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'element_texts',
      'tags',
      'collection',
      'item_type',
      'public',
      'featured',
      'item',
      'order',
      'name',
      'description',
      'elements',
      'data',
    ),
    fc.constantFrom(
      'o:title',
      'o:slug',
      'o:theme',
      'o:item',
      'o:item_set',
      'o:media',
      'o:ingester',
      'o:block',
      'o:data',
      'o:site',
      'o:is_public',
      'o:resource_class',
      'o:label',
      'o:name',
      'o:email',
      'o:role',
      'o:navigation',
      'o:item_pool',
      'o:attachment',
      'html',
      'dcterms:title',
      'dcterms:description',
      '@value',
      'property_id',
      'type',
      'o:id',
    ),
    fc.string({ maxLength: 6 }),
  ),
  fc.jsonValue({ maxDepth: 4 }),
  { maxKeys: 6 },
)

/** A request body: structured like Omeka's, any JSON, deep nesting, broken JSON, or multipart. */
const body = fc.oneof(
  omekaFields.map((o) => ({ type: 'application/json', body: JSON.stringify(o) })),
  fc.jsonValue({ maxDepth: 5 }).map((v) => ({ type: 'application/json', body: JSON.stringify(v) ?? 'null' })),
  fc.nat({ max: 3000 }).map((d) => ({ type: 'application/json', body: `{"o:data":${'['.repeat(d)}${']'.repeat(d)}}` })),
  fc.string({ maxLength: 40 }).map((s) => ({ type: 'application/json', body: s })),
  fc
    .tuple(
      fc.string({ maxLength: 8 }),
      fc.array(
        fc.tuple(fc.constantFrom('data', 'file', 'file[0]', 'key', 'x'), fc.string({ maxLength: 30 }), fc.boolean()),
        { maxLength: 4 },
      ),
      fc.boolean(),
    )
    .map(([b, parts, closed]) => ({
      type: `multipart/form-data; boundary=${b || 'b'}`,
      body:
        parts
          .map(
            ([name, value, asFile]) =>
              `--${b || 'b'}\r\nContent-Disposition: form-data; name="${name}"${asFile ? '; filename="f.png"' : ''}\r\n\r\n${value}\r\n`,
          )
          .join('') + (closed ? `--${b || 'b'}--\r\n` : ''),
    })),
  fc.constantFrom({ type: 'text/plain', body: 'x' }, { type: '', body: '' }),
)

let t: HostileApp
beforeAll(async () => {
  t = await hostileApp()
})
afterAll(() => t.close())

type Sent = { method: string; path: string; status: number; text: string }

async function send(method: string, path: string, b?: { type: string; body: string }): Promise<Sent> {
  const init: RequestInit = { method }
  if (b && method !== 'GET' && method !== 'HEAD') init.body = b.body
  if (b?.type) init.headers = { 'Content-Type': b.type }
  const res = await t.request(path, init)
  return { method, path, status: res.status, text: await res.text() }
}

function checkAnswer(r: Sent): void {
  if (r.status >= 500 && !BY_DESIGN_5XX.some((re) => re.test(errorMessage(r.text)))) {
    throw new Error(`${r.method} ${r.path} answered ${r.status}: ${r.text.slice(0, 300)}`)
  }
}

const writes = ['POST', 'PUT', 'PATCH', 'DELETE']
const refused = (r: Sent) => r.status >= 400

// Bounded by the number of runs, not by time; the timeout only covers a loaded machine.
describe("fuzzing every route (no 5xx but Omeka's own, refused writes change nothing)", { timeout: 120_000 }, () => {
  it('the Classic API', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CLASSIC),
        fc.constantFrom('', '/1', '/2', '/999999', '/0', '/abc', '/99999999999999999999'),
        fc.constantFrom('GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'),
        fc.constantFrom('', `key=${'0'.repeat(40)}`, 'KEY'),
        queryString,
        body,
        async (resource, id, method, key, query, b) => {
          const before = writes.includes(method) ? t.fingerprint() : null
          const q = [key === 'KEY' ? `key=${t.classicKey}` : key, query].filter((s) => s !== '').join('&')
          const r = await send(method, `/api/${resource}${id}${q ? `?${q}` : ''}`, b)
          checkAnswer(r)
          if (before !== null && refused(r))
            expect(t.fingerprint(), `${method} ${r.path} → ${r.status} changed data`).toBe(before)
        },
      ),
      { numRuns: RUNS, seed: SEED },
    )
  })

  it('the Omeka S API', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...S),
        fc.constantFrom('', '/1', '/2', '/999999', '/0', '/abc', '/dcterms', '/99999999999999999999'),
        fc.constantFrom('GET', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        fc.constantFrom('', 'key_identity=x&key_credential=y', 'KEY'),
        queryString,
        body,
        async (resource, id, method, key, query, b) => {
          const before = writes.includes(method) ? t.fingerprint() : null
          const q = [key === 'KEY' ? t.sKey : key, query].filter((s) => s !== '').join('&')
          const r = await send(method, `/s/api/${resource}${id}${q ? `?${q}` : ''}`, b)
          checkAnswer(r)
          if (before !== null && refused(r))
            expect(t.fingerprint(), `${method} ${r.path} → ${r.status} changed data`).toBe(before)
        },
      ),
      { numRuns: RUNS, seed: SEED + 1 },
    )
  })

  it("the control planes' body parsing and read routes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/__admin', '/s/__admin'),
        fc.constantFrom(
          ['PATCH', '/settings'],
          ['GET', '/settings'],
          ['GET', '/requests'],
          ['GET', '/faults'],
          ['GET', '/snapshots'],
          ['POST', '/nope'],
        ),
        body,
        async (base, [method, path], b) => {
          const before = method !== 'GET' ? t.fingerprint() : null
          // Never a JSON object: a valid settings object would legitimately change the settings.
          const r = await send(method!, `${base}${path}`, /^\s*\{/.test(b.body) ? { ...b, body: `x${b.body}` } : b)
          checkAnswer(r)
          if (before !== null && refused(r))
            expect(t.fingerprint(), `${method} ${r.path} → ${r.status} changed data`).toBe(before)
        },
      ),
      { numRuns: Math.ceil(RUNS / 3), seed: SEED + 2 },
    )
  })
})
