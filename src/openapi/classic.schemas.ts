import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi'
import * as z from 'zod'
import { component } from './common.js'

/**
 * Omeka Classic 3.2.1's representations as zod schemas, key for key (strict: a key Omeka does not emit
 * fails validation). The server builds these objects by hand in each `*.representation.ts`; the test in
 * openapi.test.ts checks every recorded response of real Omeka against them.
 */
export function classicSchemas(r: OpenAPIRegistry) {
  const id = z.number().int().min(1)
  const url = z.string().meta({ example: 'http://127.0.0.1:8080/api/items/1' })
  const date = z
    .string()
    .meta({ description: 'ISO 8601 with offset, as PHP\'s date("c").', example: '2024-01-02T12:30:00+00:00' })
  const ref = component(
    r,
    'ClassicReference',
    z
      .strictObject({ id, url, name: z.string().optional(), resource: z.string() })
      .meta({ description: 'A related record: never nested, always a reference.' }),
  )
  // A union, not .nullable(): a nullable copy would inherit the component id and lose its null.
  const refOrNull = z.union([ref, z.null()])
  const count = component(
    r,
    'ClassicCount',
    z.strictObject({ count: z.number().int().min(0), url, resource: z.string() }),
  )
  const elementText = component(
    r,
    'ClassicElementText',
    z
      .strictObject({
        html: z
          .boolean()
          .optional()
          .meta({ description: 'Left out when the site filters element texts (`api_filter_element_texts`).' }),
        text: z.string(),
        element_set: ref,
        element: ref,
      })
      .meta({ description: 'One value of an element (Dublin Core or Item Type Metadata).' }),
  )
  const extended = z
    .union([z.array(z.unknown()), z.record(z.string(), z.unknown())])
    .meta({ description: "Plugins' related resources (`[]` when none, as PHP encodes an empty array)." })
  const texts = z.array(elementText)

  const item = component(
    r,
    'ClassicItem',
    z.strictObject({
      id,
      url,
      public: z.boolean(),
      featured: z.boolean(),
      added: date,
      modified: date,
      item_type: refOrNull,
      collection: refOrNull,
      owner: refOrNull,
      files: count,
      tags: z.array(ref),
      element_texts: texts,
      extended_resources: extended,
    }),
  )
  const collection = component(
    r,
    'ClassicCollection',
    z.strictObject({
      id,
      url,
      public: z.boolean(),
      featured: z.boolean(),
      added: date,
      modified: date,
      owner: refOrNull,
      items: count,
      element_texts: texts,
      extended_resources: extended,
    }),
  )
  const fileUrls = z.strictObject({
    original: z.string(),
    fullsize: z.string().nullable(),
    thumbnail: z.string().nullable(),
    square_thumbnail: z.string().nullable(),
  })
  const file = component(
    r,
    'ClassicFile',
    z.strictObject({
      id,
      url,
      file_urls: fileUrls,
      added: date,
      modified: date,
      filename: z.string(),
      authentication: z.string(),
      has_derivative_image: z.boolean(),
      mime_type: z.string(),
      order: z.number().int().nullable(),
      original_filename: z.string(),
      size: z.number().int(),
      stored: z.boolean(),
      type_os: z.string().nullable(),
      metadata: z.unknown().meta({ description: 'getID3 metadata (`[]` when none).' }),
      item: ref,
      element_texts: texts,
      extended_resources: extended,
    }),
  )
  const itemType = component(
    r,
    'ClassicItemType',
    z.strictObject({
      id,
      url,
      name: z.string(),
      description: z.string().nullable(),
      elements: z.array(z.strictObject({ id, url })),
      items: count,
      extended_resources: extended,
    }),
  )
  const element = component(
    r,
    'ClassicElement',
    z.strictObject({
      id,
      url,
      order: z.number().int().nullable(),
      name: z.string(),
      description: z.string().nullable(),
      comment: z.string().nullable(),
      element_set: ref,
      extended_resources: extended,
    }),
  )
  const elementSet = component(
    r,
    'ClassicElementSet',
    z.strictObject({
      id,
      url,
      name: z.string(),
      description: z.string().nullable(),
      record_type: z.string().nullable(),
      elements: count,
      extended_resources: extended,
    }),
  )
  const tag = component(r, 'ClassicTag', z.strictObject({ id, url, name: z.string(), extended_resources: extended }))
  const user = component(
    r,
    'ClassicUser',
    z.strictObject({
      id,
      url,
      username: z.string(),
      name: z.string(),
      active: z.boolean(),
      email: z.string(),
      role: z.string(),
      extended_resources: extended,
    }),
  )
  const site = component(
    r,
    'ClassicSite',
    z
      .strictObject({
        omeka_url: z.string(),
        omeka_version: z.string(),
        title: z.string(),
        description: z.string(),
        author: z.string(),
        copyright: z.string(),
      })
      .meta({
        example: {
          omeka_url: 'http://127.0.0.1:8080',
          omeka_version: '3.2.1',
          title: 'omeka-twin',
          description: '',
          author: '',
          copyright: '',
        },
      }),
  )
  const resourceInfo = z.strictObject({
    controller: z.string().optional(),
    record_type: z.string().optional(),
    actions: z.array(z.string()),
    index_params: z.array(z.string()).optional(),
    url,
  })
  const resources = component(
    r,
    'ClassicResources',
    z
      .record(z.string(), resourceInfo)
      .meta({ description: 'Every resource the API serves, by name (plugins add theirs).' }),
  )

  const geolocation = component(
    r,
    'ClassicGeolocation',
    z
      .strictObject({
        id,
        url,
        latitude: z.number(),
        longitude: z.number(),
        zoom_level: z.number().int(),
        map_type: z.string(),
        address: z.string(),
        item: ref,
        extended_resources: extended,
      })
      .meta({ description: 'Geolocation 3.2.3 plugin.' }),
  )
  const exhibit = component(
    r,
    'ClassicExhibit',
    z
      .strictObject({
        id,
        title: z.string(),
        url,
        slug: z.string(),
        description: z.string().nullable(),
        credits: z.string().nullable(),
        featured: z.boolean(),
        public: z.boolean(),
        added: date,
        modified: date,
        owner: refOrNull,
        pages: count,
        tags: z.array(ref),
        extended_resources: extended,
      })
      .meta({ description: 'ExhibitBuilder 3.10.1 plugin.' }),
  )
  const attachment = z.strictObject({
    id,
    caption: z.string().nullable(),
    item: refOrNull,
    file: refOrNull.optional().meta({ description: 'Left out when the attachment has no file.' }),
  })
  const block = z.strictObject({
    id,
    page_id: id,
    layout: z.string(),
    options: z.unknown(),
    text: z.string().nullable(),
    order: z.number().int(),
    attachments: z.array(attachment),
  })
  const exhibitPage = component(
    r,
    'ClassicExhibitPage',
    z
      .strictObject({
        id,
        url,
        title: z.string(),
        slug: z.string(),
        order: z.number().int(),
        exhibit: ref,
        parent: refOrNull,
        page_blocks: z.array(block),
        extended_resources: extended,
      })
      .meta({ description: 'ExhibitBuilder 3.10.1 plugin.' }),
  )

  const counters = z.record(
    z.string(),
    z
      .strictObject({
        total: z.number().int().nullable().optional(),
        created: z.number().int(),
        updated: z.number().int(),
        unchanged: z.number().int(),
        skipped: z.number().int(),
        failed: z.number().int(),
        deleted: z.number().int().optional(),
      })
      .loose(),
  )
  const importRun = component(
    r,
    'OmekaTwinImport',
    z
      .object({
        id,
        url,
        endpoint: z.string(),
        origin: z.string(),
        omeka_url: z.string().nullable(),
        status: z.string(),
        resumable: z.boolean(),
        options: z.record(z.string(), z.unknown()),
        counters,
        modified_since: z.string().nullable(),
        requests: z.number().int(),
        retries: z.number().int(),
        bytes: z.number().int(),
        rate: z.number().nullable(),
        message: z.string().nullable(),
        owner: refOrNull,
        added: date,
        started: date.nullable(),
        finished: date.nullable(),
        records: count,
        extended_resources: extended,
      })
      .meta({
        description:
          "An import run (omeka-twin's own resource, not in real Omeka). Status: queued → running → completed | completed_with_errors | failed | cancelled; undoing → undone.",
      }),
  )
  const importRecord = component(
    r,
    'OmekaTwinImportRecord',
    z.object({
      id,
      url,
      import: ref,
      resource: z.string(),
      remote_id: z.number().int().nullable(),
      local_id: z.number().int().nullable(),
      outcome: z.string(),
      message: z.string().nullable(),
      changes: z
        .array(z.string())
        .nullable()
        .meta({ description: 'The fields an update changes (element names, tags, public…), by name; null otherwise.' }),
      extended_resources: extended,
    }),
  )

  const error = component(
    r,
    'ClassicError',
    z
      .strictObject({
        message: z.string(),
        errors: z
          .record(z.string(), z.string())
          .optional()
          .meta({ description: 'Field errors of a refused write ("Error when saving record.").' }),
      })
      .meta({
        description: "Omeka Classic's error body; the message is Omeka's, to the letter.",
        example: { message: 'Invalid record. Record not found.' },
      }),
  )
  return {
    item,
    collection,
    file,
    itemType,
    element,
    elementSet,
    tag,
    user,
    site,
    resources,
    geolocation,
    exhibit,
    exhibitPage,
    importRun,
    importRecord,
    error,
    elementText,
    ref,
  }
}
