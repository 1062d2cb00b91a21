import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi'
import * as z from 'zod'
import { importCreate as sImportCreate, importUpdate as sImportUpdate } from '../omeka-s/importer/imports.routes.js'
import { component, described, htmlResponse, linkHeader, shapingQuery, sortPaths, totalHeader } from './common.js'

const LD = 'application/ld+json'

/** Omeka S 4.2.0's JSON-LD representations: the keys every one has, then each resource's own `o:` keys. */
function sSchemas(r: OpenAPIRegistry) {
  const ref = component(
    r,
    'SReference',
    z
      .object({ '@id': z.string(), 'o:id': z.union([z.number().int(), z.string(), z.null()]) })
      .loose()
      .meta({ description: 'A related resource: `@id` and `o:id` (some add a label or title).' }),
  )
  const refOrNull = z.union([ref, z.null()])
  const date = z.strictObject({ '@value': z.string(), '@type': z.literal('http://www.w3.org/2001/XMLSchema#dateTime') })
  const base = {
    '@context': z.string(),
    '@id': z.string(),
    '@type': z.union([z.string(), z.array(z.string())]),
    'o:id': z
      .union([z.number().int(), z.string(), z.null()])
      .meta({ description: 'null in the answer to a DELETE of a cascaded record.' }),
  }
  // Property terms (dcterms:title…) hold arrays of values; other keys are the resource's own.
  const rep = (name: string, own: z.ZodRawShape, description: string) =>
    component(
      r,
      name,
      z
        .object({ ...base, ...own })
        .catchall(
          z.unknown().meta({
            description:
              'Property terms (dcterms:title…) hold arrays of values: `{type, property_id, property_label, is_public, @value | @id | value_resource_id, …}`.',
          }),
        )
        .meta({ description }),
    )
  const resourceOwn = {
    'o:is_public': z.boolean(),
    'o:owner': refOrNull,
    'o:resource_class': refOrNull,
    'o:resource_template': refOrNull,
    'o:thumbnail': refOrNull,
    'o:title': z.string().nullable(),
    thumbnail_display_urls: z.record(z.string(), z.string().nullable()),
    'o:created': date,
    'o:modified': date.nullable(),
  }
  const item = rep(
    'SItem',
    {
      ...resourceOwn,
      'o:primary_media': refOrNull,
      'o:media': z.array(ref),
      'o:item_set': z.array(ref),
      'o:site': z.array(ref),
    },
    'An item (o:Item), with its values under their property terms, e.g. `"dcterms:title": [SValue]`.',
  )
  const itemSet = rep(
    'SItemSet',
    {
      ...resourceOwn,
      'o:is_open': z.boolean(),
      'o:items': z.object({ '@id': z.string() }).loose().meta({ description: 'The search URL of its items.' }),
    },
    'An item set (o:ItemSet).',
  )
  const media = rep(
    'SMedia',
    {
      ...resourceOwn,
      'o:ingester': z.string(),
      'o:renderer': z.string(),
      'o:item': ref,
      'o:source': z.string().nullable(),
      'o:media_type': z.string().nullable(),
      'o:sha256': z.string().nullable(),
      'o:size': z.number().int().nullable(),
      'o:filename': z.string().nullable(),
      'o:original_url': z.string().nullable(),
      'o:thumbnail_urls': z.union([
        z.record(z.string(), z.string()),
        z.array(z.string()).max(0).meta({ description: "`[]` when the media has no thumbnails (PHP's empty array)." }),
      ]),
    },
    'A media (o:Media) of an item.',
  )
  const resource = rep('SResource', resourceOwn, 'Any item, item set or media.')
  const vocabulary = rep(
    'SVocabulary',
    {
      'o:namespace_uri': z.string(),
      'o:prefix': z.string(),
      'o:label': z.string(),
      'o:comment': z.string().nullable(),
      'o:owner': refOrNull,
    },
    'A vocabulary.',
  )
  const term = {
    'o:local_name': z.string(),
    'o:label': z.string(),
    'o:comment': z.string().nullable(),
    'o:term': z.string(),
    'o:vocabulary': ref,
  }
  const property = rep('SProperty', term, 'A property of a vocabulary (dcterms:title has id 1).')
  const resourceClass = rep('SResourceClass', term, 'A resource class of a vocabulary.')
  const template = rep(
    'SResourceTemplate',
    {
      'o:label': z.string(),
      'o:owner': refOrNull,
      'o:resource_class': refOrNull,
      'o:title_property': refOrNull,
      'o:description_property': refOrNull,
      'o:resource_template_property': z.array(z.record(z.string(), z.unknown())),
    },
    'A resource template.',
  )
  const site = rep(
    'SSite',
    {
      'o:slug': z.string(),
      'o:theme': z.string(),
      'o:title': z.string(),
      'o:navigation': z.array(z.unknown()),
      'o:homepage': refOrNull,
      'o:owner': refOrNull,
      'o:is_public': z.boolean(),
      'o:page': z.array(ref),
    },
    'A site.',
  )
  const sitePage = rep(
    'SSitePage',
    {
      'o:slug': z.string(),
      'o:title': z.string(),
      'o:is_public': z.boolean(),
      'o:block': z.array(z.record(z.string(), z.unknown())),
      'o:site': ref,
    },
    'A site page.',
  )
  const asset = rep(
    'SAsset',
    {
      'o:owner': refOrNull,
      'o:name': z.string(),
      'o:filename': z.string(),
      'o:media_type': z.string(),
      'o:asset_url': z.string(),
      'o:alt_text': z.string().nullable(),
    },
    'An asset (a stored image not attached to an item).',
  )
  const user = rep(
    'SUser',
    {
      'o:name': z.string(),
      'o:email': z.string(),
      'o:created': z.string().meta({ description: 'ISO 8601 (users carry a plain string, not a typed value).' }),
      'o:role': z.string(),
      'o:is_active': z.boolean(),
    },
    'A user; roles global_admin, site_admin, editor, reviewer, author, researcher.',
  )
  const generic = rep('SApiObject', {}, 'A job, module, api resource or data type.')
  const importRun = component(
    r,
    'SImport',
    z
      .object({ id: z.number().int() })
      .catchall(
        z.unknown().meta({
          description:
            'Property terms (dcterms:title…) hold arrays of values: `{type, property_id, property_label, is_public, @value | @id | value_resource_id, …}`.',
        }),
      )
      .meta({ description: "An import run (omeka-twin's own; global admins only)." }),
  )
  const error = component(
    r,
    'SError',
    z
      .strictObject({
        errors: z.record(z.string(), z.union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown())])),
      })
      .meta({
        description:
          'Omeka S\'s error body: `{"errors": {"error": message}}`, or the field messages of a refused write (422).',
        example: {
          errors: { error: 'Omeka\\Api\\Exception\\NotFoundException: Item entity with criteria {"id":99} not found' },
        },
      }),
  )
  return {
    item,
    itemSet,
    media,
    resource,
    vocabulary,
    property,
    resourceClass,
    template,
    site,
    sitePage,
    asset,
    user,
    generic,
    importRun,
    error,
  }
}

type Action = 'search' | 'read' | 'create' | 'update' | 'delete'
interface SResourceDoc {
  name: string
  tag: string
  schema: z.ZodType
  actions: Action[]
  filters?: Record<string, string>
  note?: string
  body?: z.ZodType
  multipart?: boolean
}

const resourceFilters = {
  fulltext_search: 'Full-text search (words of 3+ letters).',
  search: 'Alias of fulltext_search on items.',
  id: 'One id or a list (`id[]=1&id[]=2`).',
  owner_id: 'Owner user id.',
  resource_class_id: 'Resource class id(s).',
  resource_class_label: 'Resource class label.',
  resource_template_id: 'Resource template id(s).',
  resource_template_label: 'Resource template label.',
  is_public: '0 or 1.',
  created_before: 'Date.',
  created_after: 'Date.',
  modified_before: 'Date.',
  modified_after: 'Date.',
  has_media: '0 or 1.',
  'property[0][property]':
    'Property search: a term or id; with `property[N][type]` (eq, neq, in, nin, sw, nsw, ew, new, res, nres, ex, nex, exs, nexs, exm, nexm, lt, gt, lte, gte, dtp, ndtp, list, nlist), `property[N][text]` and `property[N][joiner]` (and, or, not).',
}
const valuesBody = z.record(z.string(), z.unknown()).meta({
  description: 'A JSON-LD resource: property terms with arrays of values, and `o:` keys.',
  example: { 'dcterms:title': [{ type: 'literal', property_id: 1, '@value': 'New item' }] },
})

function docs(s: ReturnType<typeof sSchemas>): SResourceDoc[] {
  const all: Action[] = ['search', 'read', 'create', 'update', 'delete']
  return [
    {
      name: 'items',
      tag: 'Items',
      schema: s.item,
      actions: all,
      body: valuesBody,
      filters: { ...resourceFilters, item_set_id: 'Item set id(s).', site_id: 'Site id.', in_sites: '0 or 1.' },
      note: 'POST as multipart (`data` + `file[N]`) uploads media too.',
    },
    {
      name: 'item_sets',
      tag: 'Item sets',
      schema: s.itemSet,
      actions: all,
      body: valuesBody,
      filters: { ...resourceFilters, is_open: '0 or 1.', site_id: 'Site id.' },
    },
    {
      name: 'media',
      tag: 'Media',
      schema: s.media,
      actions: all,
      body: valuesBody,
      multipart: true,
      filters: {
        ...resourceFilters,
        item_id: 'Item id.',
        media_type: 'MIME type.',
        ingester: 'upload, url, html…',
        renderer: 'Renderer.',
      },
    },
    { name: 'resources', tag: 'Resources', schema: s.resource, actions: ['search', 'read'], filters: resourceFilters },
    {
      name: 'vocabularies',
      tag: 'Vocabularies',
      schema: s.vocabulary,
      actions: all,
      body: valuesBody,
      filters: { prefix: 'Prefix.', namespace_uri: 'Namespace URI.' },
    },
    {
      name: 'properties',
      tag: 'Vocabularies',
      schema: s.property,
      actions: ['search', 'read'],
      filters: {
        vocabulary_id: 'Vocabulary id.',
        vocabulary_prefix: 'Prefix.',
        term: 'e.g. dcterms:title.',
        local_name: 'Local name.',
      },
    },
    {
      name: 'resource_classes',
      tag: 'Vocabularies',
      schema: s.resourceClass,
      actions: ['search', 'read'],
      filters: {
        vocabulary_id: 'Vocabulary id.',
        vocabulary_prefix: 'Prefix.',
        term: 'e.g. dctype:Text.',
        local_name: 'Local name.',
      },
    },
    {
      name: 'resource_templates',
      tag: 'Resource templates',
      schema: s.template,
      actions: all,
      body: valuesBody,
      filters: { label: 'Label.' },
    },
    { name: 'sites', tag: 'Sites', schema: s.site, actions: all, body: valuesBody, filters: { slug: 'Slug.' } },
    {
      name: 'site_pages',
      tag: 'Sites',
      schema: s.sitePage,
      actions: all,
      body: valuesBody,
      filters: { site_id: 'Site id.', slug: 'Slug.' },
    },
    {
      name: 'assets',
      tag: 'Assets',
      schema: s.asset,
      actions: all,
      body: valuesBody,
      multipart: true,
      filters: { owner_id: 'Owner.' },
    },
    {
      name: 'users',
      tag: 'Users',
      schema: s.user,
      actions: all,
      body: valuesBody,
      filters: { email: 'E-mail.', name: 'Name.', role: 'Role.', is_active: '0 or 1.' },
    },
    { name: 'jobs', tag: 'Other', schema: s.generic, actions: ['search', 'read'] },
    { name: 'modules', tag: 'Other', schema: s.generic, actions: ['search', 'read'] },
    { name: 'api_resources', tag: 'Other', schema: s.generic, actions: ['search', 'read'] },
    { name: 'data_types', tag: 'Other', schema: s.generic, actions: ['search', 'read'] },
    { name: 'value_annotations', tag: 'Other', schema: s.generic, actions: ['search', 'read'] },
    {
      name: 'imports',
      tag: 'Imports (omeka-twin)',
      schema: s.importRun,
      actions: ['search', 'read', 'create', 'update', 'delete'],
      body: sImportCreate,
      filters: { status: 'Run status.' },
      note: 'Global admins only; anyone else gets the "resource not supported" 500.',
    },
    {
      name: 'import_records',
      tag: 'Imports (omeka-twin)',
      schema: s.importRun,
      actions: ['search', 'read'],
      filters: { import: 'Run id.', outcome: 'Outcome.', resource: 'Resource.' },
    },
  ]
}

const messages: Record<number, string> = {
  400: 'A bad request: `{"errors": {"error": "JSON: Syntax error"}}`.',
  403: 'Permission denied for the current user (e.g. "Permission denied for the current user to search the Omeka\\Api\\Adapter\\UserAdapter resource.").',
  404: '"<Entity> entity with criteria {"id":N} not found".',
  415: 'Invalid Content-Type header. Expecting "application/json".',
  422: 'Validation messages per field, e.g. `{"errors": {"o:title": ["..."]}}`.',
  500: 'Among others: The API does not support the "foo" resource.',
}

function errs(schema: z.ZodType, statuses: number[]): Record<number, ResponseConfig> {
  return Object.fromEntries(
    statuses.map((st) => {
      const res: ResponseConfig = { description: messages[st] ?? 'An error.', content: { [LD]: { schema } } }
      if (st === 404 || st === 500)
        res.content!['text/html'] = {
          schema: z.string().meta({ description: "Omeka S's HTML error page (unroutable paths, PHP errors)." }),
        }
      return [st, res]
    }),
  )
}

const ld = (description: string, schema: z.ZodType, headers?: ResponseConfig['headers']): ResponseConfig => ({
  description,
  ...(headers ? { headers } : {}),
  content: {
    [LD]: { schema },
    'application/javascript': { schema: z.string().meta({ description: 'JSONP (`callback`).' }) },
  },
})

/** Builds the OpenAPI 3.1 document of the Omeka S API (served at /api, or /s/api with `--flavor both`). */
export function sOpenApi(mount = ''): Record<string, unknown> {
  const r = new OpenAPIRegistry()
  const s = sSchemas(r)
  r.registerComponent('securitySchemes', 'key_identity', { type: 'apiKey', in: 'query', name: 'key_identity' })
  r.registerComponent('securitySchemes', 'key_credential', { type: 'apiKey', in: 'query', name: 'key_credential' })
  const auth = {
    key_identity: described(
      z.string().optional(),
      'API key identity. Without a valid pair the request runs as anonymous (silently).',
    ),
    key_credential: described(z.string().optional(), 'API key credential.'),
  }
  const common = { ...auth, ...shapingQuery }
  const paging = {
    page: described(z.string().optional(), 'Page number (default 1 when per_page is given).'),
    per_page: described(z.string().optional(), 'Records per page (default the `pagination_per_page` setting).'),
    limit: described(z.string().optional(), 'Limit without paging (used when `page` is absent).'),
    offset: described(z.string().optional(), 'Offset, with limit.'),
    sort_by: described(z.string().optional(), 'A field (id, created, title…) or a property term.'),
    sort_order: described(z.enum(['asc', 'desc']).optional(), 'asc or desc.'),
    return_scalar: described(
      z.string().optional(),
      'Answers `{id: field}` pairs of one field instead of representations.',
    ),
  }
  const id = z.object({ id: described(z.string(), 'Resource id.', '1') })
  const version = { 'Omeka-S-Version': { description: 'Always 4.2.0.', schema: { type: 'string' as const } } }
  const redirect: ResponseConfig = {
    description: 'A trailing slash is redirected to the URL without it.',
    headers: { Location: { schema: { type: 'string' } } },
    content: { 'text/html': { schema: z.string() } },
  }
  const secured = [{ key_identity: [], key_credential: [] }]

  r.registerPath({
    method: 'get',
    path: '/api',
    tags: ['Other'],
    summary: "Omeka S's API page",
    responses: { 200: htmlResponse('An HTML page.') },
  })
  r.registerPath({
    method: 'get',
    path: '/api-context',
    tags: ['Other'],
    summary: 'The JSON-LD context',
    responses: {
      200: {
        description: 'The @context.',
        content: { [LD]: { schema: z.object({ '@context': z.record(z.string(), z.unknown()) }) } },
      },
    },
  })

  for (const d of docs(s)) {
    const filters = Object.fromEntries(
      Object.entries(d.filters ?? {}).map(([k, v]) => [k, described(z.string().optional(), v)]),
    )
    const desc = d.note ?? ''
    const body = (schema: z.ZodType) => ({
      content: {
        'application/json': { schema },
        ...(d.multipart
          ? {
              'multipart/form-data': {
                schema: z.object({ data: z.string(), 'file[0]': z.string().meta({ format: 'binary' }) }),
              },
            }
          : {}),
      },
      required: true,
    })
    r.registerPath({
      method: 'get',
      path: `/api/${d.name}`,
      tags: [d.tag],
      summary: `Search ${d.name}`,
      description: desc,
      request: { query: z.object({ ...common, ...paging, ...filters }) },
      responses: {
        200: ld(
          `A page of ${d.name}; with return_scalar, an object of id → field value.`,
          z.union([
            z.array(d.schema),
            z.record(z.string(), z.unknown()).meta({ description: 'return_scalar: {"<id>": value}' }),
          ]),
          { ...totalHeader('Omeka-S-Total-Results'), ...linkHeader, ...version },
        ),
        307: redirect,
        ...errs(s.error, [400, 403, 500]),
      },
    })
    r.registerPath({
      method: 'get',
      path: `/api/${d.name}/{id}`,
      tags: [d.tag],
      summary: `Read one of ${d.name}`,
      description: desc,
      request: { params: id, query: z.object(common) },
      responses: { 200: ld('The resource.', d.schema, version), 307: redirect, ...errs(s.error, [400, 403, 404, 500]) },
    })
    if (d.actions.includes('create')) {
      r.registerPath({
        method: 'post',
        path: `/api/${d.name}`,
        tags: [d.tag],
        summary: `Create ${d.name}`,
        description: desc,
        security: secured,
        request: { query: z.object(common), body: body(d.body ?? valuesBody) },
        responses: { 200: ld('The stored resource.', d.schema), ...errs(s.error, [400, 403, 404, 415, 422, 500]) },
      })
      r.registerPath({
        method: 'post',
        path: `/api/${d.name}/{id}`,
        tags: [d.tag],
        summary: `Create ${d.name} (the id is ignored)`,
        description: 'Omeka S routes a POST with an id to create, as without one.',
        security: secured,
        request: { params: id, query: z.object(common), body: body(d.body ?? valuesBody) },
        responses: { 200: ld('The stored resource.', d.schema), ...errs(s.error, [400, 403, 404, 415, 422, 500]) },
      })
    }
    if (d.actions.includes('update')) {
      const upd = d.name === 'imports' ? sImportUpdate : (d.body ?? valuesBody)
      for (const method of ['put', 'patch'] as const) {
        r.registerPath({
          method,
          path: `/api/${d.name}/{id}`,
          tags: [d.tag],
          summary: `${method === 'put' ? 'Replace' : 'Partly update'} ${d.name}`,
          description: desc,
          security: secured,
          request: { params: id, query: z.object(common), body: body(upd) },
          responses: { 200: ld('The stored resource.', d.schema), ...errs(s.error, [400, 403, 404, 415, 422, 500]) },
        })
      }
    }
    if (d.actions.includes('delete')) {
      r.registerPath({
        method: 'delete',
        path: `/api/${d.name}/{id}`,
        tags: [d.tag],
        summary: `Delete ${d.name}`,
        description: desc,
        security: secured,
        request: { params: id, query: z.object(common) },
        responses: { 200: ld('The deleted resource, as it was.', d.schema), ...errs(s.error, [400, 403, 404, 500]) },
      })
    }
  }

  const doc = new OpenApiGeneratorV31(r.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Omeka S REST API (omeka-twin)',
      version: '4.2.0',
      description:
        'The REST API of Omeka S 4.2.0 (JSON-LD) as omeka-twin serves it, byte for byte like real Omeka S. Keys go in the query string (`key_identity`, `key_credential`); without a valid pair a request is anonymous. ' +
        'Indexes answer `Omeka-S-Total-Results` and `Link`. Property terms (e.g. `dcterms:title`) hold arrays of values (SValue).',
      license: { name: 'GPL-3.0-or-later', identifier: 'GPL-3.0-or-later' },
    },
    servers: [{ url: mount || '/', description: 'This server' }],
    security: [{}, { key_identity: [], key_credential: [] }],
  })
  return sortPaths(doc)
}
