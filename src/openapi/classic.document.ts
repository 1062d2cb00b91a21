import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi'
import * as z from 'zod'
import { importCreate, importUpdate } from '../classic/api/imports/imports.schemas.js'
import { classicSchemas } from './classic.schemas.js'
import {
  described,
  htmlResponse,
  jsonResponse,
  linkHeader,
  pagingQuery,
  shapingQuery,
  sortPaths,
  totalHeader,
} from './common.js'

type Action = 'index' | 'get' | 'post' | 'put' | 'delete'

interface ResourceDoc {
  name: string
  tag: string
  schema: z.ZodType
  actions: Action[]
  /** Index filters: name → description. */
  filters: Record<string, string>
  body?: z.ZodType
  multipart?: boolean
  /** Who may do what (Omeka's ACL), for the descriptions. */
  note?: string
}

const key = described(
  z.string().optional(),
  'An API key (40 hex digits). Without one the request is anonymous: public records only, no writes.',
  '0123456789abcdef0123456789abcdef01234567',
)
const override = described(
  z.enum(['GET', 'PUT', 'DELETE', 'HEAD']).optional(),
  "Omeka's method override: a POST carrying it is routed as that method.",
)
const sortQuery = {
  sort_field: described(
    z.string().optional(),
    'A column or element name to sort by (e.g. `added`, `Dublin Core,Title`); unknown values are ignored, as in Omeka.',
  ),
  sort_dir: described(z.enum(['a', 'd']).optional(), '`a` ascending (default) or `d` descending.'),
}

const refBody = z.object({ id: z.number().int() }).nullable()
const elementTextsBody = z.array(
  z.object({ element: z.object({ id: z.number().int() }), text: z.string(), html: z.boolean().optional() }),
)
const itemBody = z
  .object({
    item_type: refBody.optional(),
    collection: refBody.optional(),
    public: z.boolean().optional(),
    featured: z.boolean().optional(),
    tags: z.array(z.object({ name: z.string() })).optional(),
    element_texts: elementTextsBody.optional(),
  })
  .meta({
    example: {
      item_type: { id: 1 },
      collection: { id: 1 },
      public: true,
      featured: false,
      tags: [{ name: 'letters' }],
      element_texts: [{ element: { id: 50 }, text: 'Letter from Jane Doe', html: false }],
    },
  })

function resourceDocs(s: ReturnType<typeof classicSchemas>): ResourceDoc[] {
  const since = 'Only records added/modified on or after this date (`YYYY-MM-DD` or ISO 8601).'
  return [
    {
      name: 'items',
      tag: 'Items',
      schema: s.item,
      actions: ['index', 'get', 'post', 'put', 'delete'],
      body: itemBody,
      filters: {
        collection: 'Collection id (0: items in no collection).',
        item_type: 'Item type id or name.',
        featured: 'true/false (Omeka_Filter_Boolean: `1` or `true`).',
        public: 'true/false.',
        added_since: since,
        modified_since: since,
        owner: 'User id.',
        tags: 'Comma-separated tag names (all must match).',
        excludeTags: 'Comma-separated tag names to leave out.',
        hasImage: 'true/false: items with a derivative image.',
        range: 'Ids and ranges, e.g. `1-5,9`.',
        search: 'Simple full-text search.',
        'advanced[0][element_id]':
          'Advanced search: element id (with `advanced[N][type]`: contains, does not contain, is exactly, is empty, is not empty, starts with, ends with, matches; `advanced[N][terms]`; `advanced[N][joiner]`: and/or).',
      },
      note: 'Anonymous callers see public items only; researchers see all; contributors edit their own.',
    },
    {
      name: 'collections',
      tag: 'Collections',
      schema: s.collection,
      actions: ['index', 'get', 'post', 'put', 'delete'],
      body: z.object({
        public: z.boolean().optional(),
        featured: z.boolean().optional(),
        element_texts: elementTextsBody.optional(),
      }),
      filters: {
        public: 'true/false.',
        featured: 'true/false.',
        added_since: since,
        modified_since: since,
        owner: 'User id.',
      },
    },
    {
      name: 'files',
      tag: 'Files',
      schema: s.file,
      actions: ['index', 'get', 'post', 'put', 'delete'],
      multipart: true,
      body: z.object({ order: z.number().int().nullable().optional(), element_texts: elementTextsBody.optional() }),
      filters: {
        item: 'Item id.',
        order: 'Order within the item.',
        size_greater_than: 'Bytes.',
        has_derivative_image: 'true/false.',
        mime_type: 'e.g. image/png.',
        modified_since: since,
        added_since: since,
      },
      note: 'POST is multipart/form-data: a `data` part with the JSON (`{"item": {"id": N}, ...}`) and exactly one `file` part.',
    },
    {
      name: 'item_types',
      tag: 'Item types',
      schema: s.itemType,
      actions: ['index', 'get', 'post', 'put', 'delete'],
      body: z.object({
        name: z.string(),
        description: z.string().optional(),
        elements: z.array(z.object({ id: z.number().int() })).optional(),
      }),
      filters: { name: 'Exact name.' },
    },
    {
      name: 'elements',
      tag: 'Elements',
      schema: s.element,
      actions: ['index', 'get', 'post', 'put', 'delete'],
      body: z.object({
        name: z.string(),
        description: z.string().optional(),
        comment: z.string().optional(),
        order: z.number().int().optional(),
        element_set: z.object({ id: z.number().int() }),
      }),
      filters: { element_set: 'Element set id.', name: 'Exact name.', item_type: 'Item type id.' },
    },
    {
      name: 'element_sets',
      tag: 'Element sets',
      schema: s.elementSet,
      actions: ['index', 'get', 'post', 'delete'],
      body: z.object({
        name: z.string(),
        description: z.string().optional(),
        record_type: z.string().nullable().optional(),
      }),
      filters: { name: 'Exact name.', record_type: 'Item, File, Collection or empty.' },
    },
    { name: 'tags', tag: 'Tags', schema: s.tag, actions: ['index', 'get', 'delete'], filters: {} },
    {
      name: 'users',
      tag: 'Users',
      schema: s.user,
      actions: ['get'],
      filters: {},
      note: 'A user sees their own record; super users see all.',
    },
    {
      name: 'geolocations',
      tag: 'Geolocation (plugin)',
      schema: s.geolocation,
      actions: ['index', 'get', 'post', 'put', 'delete'],
      body: z.object({
        item: z.object({ id: z.number().int() }),
        latitude: z.number(),
        longitude: z.number(),
        zoom_level: z.number().int(),
        map_type: z.string().optional(),
        address: z.string().optional(),
      }),
      filters: { item: 'Item id.' },
      note: 'Only with `--plugins geolocation` (or a fixture with geolocations.json).',
    },
    {
      name: 'exhibits',
      tag: 'ExhibitBuilder (plugin)',
      schema: s.exhibit,
      actions: ['index', 'get'],
      filters: {
        tag: 'Tag name.',
        tags: 'Comma-separated tag names.',
        sort: 'recent, alpha.',
        public: 'true/false.',
        featured: 'true/false.',
      },
      note: 'Only with `--plugins exhibit-builder`.',
    },
    {
      name: 'exhibit_pages',
      tag: 'ExhibitBuilder (plugin)',
      schema: s.exhibitPage,
      actions: ['index', 'get'],
      filters: {
        parent: 'Parent page id.',
        exhibit: 'Exhibit id.',
        order: 'Order.',
        topOnly: 'true: top-level pages only.',
        item: 'Item id attached.',
      },
      note: 'Only with `--plugins exhibit-builder`.',
    },
    {
      name: 'imports',
      tag: 'Imports (omeka-twin)',
      schema: s.importRun,
      actions: ['index', 'get', 'post', 'put', 'delete'],
      body: importCreate,
      filters: { status: 'Run status.' },
      note: 'Super users only. PUT takes `{"status": "cancelled" | "running" | "undone"}`; DELETE queues an undo (202).',
    },
    {
      name: 'import_records',
      tag: 'Imports (omeka-twin)',
      schema: s.importRecord,
      actions: ['index', 'get'],
      filters: {
        import: 'Run id.',
        outcome: 'created, updated, unchanged, skipped, failed, deleted.',
        resource: 'Resource name.',
      },
      note: 'Super users only.',
    },
  ]
}

const errorMessages: Record<number, string[]> = {
  400: [
    'Invalid GET request parameter: "page"',
    'Invalid request. Request body must be a JSON object.',
    'Error when saving record.',
  ],
  403: ['Invalid key.', 'Permission denied.', 'API is disabled'],
  404: ['Invalid record. Record not found.', 'The "foo" resource is unavailable.'],
  405: ['This resource does not implement the "put" action.', 'PUT and DELETE requests must include an ID.'],
  500: ['Error when saving record.'],
}

function errors(schema: z.ZodType, statuses: number[]): Record<number, ResponseConfig> {
  return Object.fromEntries(
    statuses.map((status) => {
      const examples = Object.fromEntries(
        (errorMessages[status] ?? []).map((m, i) => [`e${i}`, { value: { message: m } }]),
      )
      const res: ResponseConfig = {
        description: `Omeka's error: ${(errorMessages[status] ?? []).map((m) => `"${m}"`).join(', ') || 'see the message'}`,
        content: { 'application/json': { schema, ...(Object.keys(examples).length ? { examples } : {}) } },
      }
      if (status === 500)
        res.content!['text/html'] = {
          schema: z.string().meta({ description: "Omeka's PHP error page (a few plugin bugs end here)." }),
        }
      return [status, res]
    }),
  )
}

/** Builds the OpenAPI 3.1 document of the Omeka Classic API (with the omeka-twin imports resources). */
export function classicOpenApi(): Record<string, unknown> {
  const r = new OpenAPIRegistry()
  const s = classicSchemas(r)
  r.registerComponent('securitySchemes', 'key', {
    type: 'apiKey',
    in: 'query',
    name: 'key',
    description: 'Omeka Classic API key. Anonymous requests may read public records.',
  })
  const common = { key, ...shapingQuery }
  const indexHeaders = { ...totalHeader('Omeka-Total-Results'), ...linkHeader }
  const idParam = z.object({
    id: described(z.string(), 'Record id (digits; anything else is "Invalid record. Record not found.").', '1'),
  })

  r.registerPath({
    method: 'get',
    path: '/api',
    tags: ['Site'],
    summary: "Omeka's API page",
    description: "`/api` without a resource answers Omeka's HTML page.",
    responses: { 200: htmlResponse('An HTML page.') },
  })
  r.registerPath({
    method: 'get',
    path: '/api/site',
    tags: ['Site'],
    summary: 'Site information',
    request: { query: z.object(common) },
    responses: { 200: jsonResponse('The site.', s.site), ...errors(s.error, [400, 403, 405]) },
  })
  r.registerPath({
    method: 'get',
    path: '/api/resources',
    tags: ['Site'],
    summary: 'Resources the API serves',
    request: { query: z.object(common) },
    responses: { 200: jsonResponse('The resources, by name.', s.resources), ...errors(s.error, [403]) },
  })

  for (const d of resourceDocs(s)) {
    const description = d.note ?? ''
    if (d.actions.includes('index')) {
      const filters = Object.fromEntries(
        Object.entries(d.filters).map(([k, v]) => [k, described(z.string().optional(), v)]),
      )
      r.registerPath({
        method: 'get',
        path: `/api/${d.name}`,
        tags: [d.tag],
        summary: `Search ${d.name}`,
        description,
        request: { query: z.object({ ...common, ...pagingQuery, ...sortQuery, ...filters }) },
        responses: {
          200: jsonResponse(`A page of ${d.name}.`, z.array(d.schema), { headers: indexHeaders }),
          ...errors(s.error, [400, 403, 404, 500]),
        },
      })
    }
    if (d.actions.includes('post')) {
      const content = d.multipart
        ? {
            'multipart/form-data': {
              schema: z.object({
                data: z.string().meta({ description: 'The JSON metadata, e.g. {"item": {"id": 1}}' }),
                file: z.string().meta({ format: 'binary' }),
              }),
            },
          }
        : { 'application/json': { schema: d.body ?? z.object({}) } }
      r.registerPath({
        method: 'post',
        path: `/api/${d.name}`,
        tags: [d.tag],
        summary: `Create ${d.name}`,
        description,
        security: [{ key: [] }],
        request: {
          query: z.object(common),
          headers: z.object({ 'X-HTTP-Method-Override': override }),
          body: { content, required: true },
        },
        responses: {
          200: jsonResponse('With `X-HTTP-Method-Override: GET`: the index.', z.array(d.schema), {
            headers: indexHeaders,
          }),
          201: jsonResponse('The stored record, re-read; `Location` names it.', d.schema, {
            headers: { Location: { description: "The new record's URL.", schema: { type: 'string' } } },
          }),
          ...errors(s.error, [400, 403, 404, 405, 500]),
        },
      })
    }
    if (d.actions.includes('put') || d.actions.includes('delete')) {
      r.registerPath({
        method: 'post',
        path: `/api/${d.name}/{id}`,
        tags: [d.tag],
        summary: `Update or delete ${d.name} (method override)`,
        description:
          'Omeka honours `X-HTTP-Method-Override: PUT|DELETE` on a POST, for clients that cannot send those methods.',
        security: [{ key: [] }],
        request: {
          params: idParam,
          query: z.object(common),
          headers: z.object({ 'X-HTTP-Method-Override': override }),
        },
        responses: {
          200: jsonResponse('PUT: the stored record, re-read.', d.schema),
          204: { description: 'DELETE: deleted.' },
          ...errors(s.error, [400, 403, 404, 405, 500]),
        },
      })
    }
    if (d.actions.includes('get')) {
      r.registerPath({
        method: 'get',
        path: `/api/${d.name}/{id}`,
        tags: [d.tag],
        summary: `One of ${d.name}`,
        description,
        request: { params: idParam, query: z.object(common) },
        responses: { 200: jsonResponse('The record.', d.schema), ...errors(s.error, [400, 403, 404, 500]) },
      })
    }
    if (d.actions.includes('put')) {
      const body = d.name === 'imports' ? importUpdate : (d.body ?? z.object({}))
      r.registerPath({
        method: 'put',
        path: `/api/${d.name}/{id}`,
        tags: [d.tag],
        summary: `Update ${d.name}`,
        description,
        security: [{ key: [] }],
        request: {
          params: idParam,
          query: z.object(common),
          body: { content: { 'application/json': { schema: body } }, required: true },
        },
        responses: {
          200: jsonResponse('The stored record, re-read.', d.schema),
          ...errors(s.error, [400, 403, 404, 409, 500]),
        },
      })
    }
    if (d.actions.includes('delete')) {
      const ok: Record<number, ResponseConfig> =
        d.name === 'imports'
          ? { 202: jsonResponse('The run, now `undoing`.', d.schema) }
          : { 204: { description: 'Deleted (no body).' } }
      r.registerPath({
        method: 'delete',
        path: `/api/${d.name}/{id}`,
        tags: [d.tag],
        summary: `Delete ${d.name}`,
        description,
        security: [{ key: [] }],
        request: { params: idParam, query: z.object(common) },
        responses: { ...ok, ...errors(s.error, [400, 403, 404, 405, 409]) },
      })
    }
  }

  const doc = new OpenApiGeneratorV31(r.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Omeka Classic REST API (omeka-twin)',
      version: '3.2.1',
      description:
        "The REST API of Omeka Classic 3.2.1 as omeka-twin serves it, byte for byte like real Omeka: PHP's `\\/` and `\\uXXXX` escaping, key order, headers and error messages. " +
        "Every request takes `key`, `pretty_print` and `callback`. An undefined action answers 405 with Omeka's message; an unknown resource 404. " +
        "Omeka's router ignores a trailing slash and any path segment after the id. Paging: `page` and `per_page`, with `Omeka-Total-Results` and `Link` on every index.",
      license: { name: 'GPL-3.0-or-later', identifier: 'GPL-3.0-or-later' },
    },
    servers: [{ url: '/', description: 'This server' }],
    // Anonymous requests are allowed (public records); writes say they need a key.
    security: [{}, { key: [] }],
    tags: [{ name: 'Site', description: 'The site and its resources.' }],
  })
  return sortPaths(doc)
}
