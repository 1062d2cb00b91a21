import { adapterClass, type ApiRequest, type Resource } from '../../context.js'
import { serverError } from '../../respond.js'

/** Registration order of Omeka S's API adapters (the ids of /api/api_resources). */
export const API_RESOURCE_IDS = [
  'users',
  'vocabularies',
  'resource_classes',
  'resource_templates',
  'properties',
  'items',
  'media',
  'item_sets',
  'value_annotations',
  'modules',
  'sites',
  'site_pages',
  'jobs',
  'resources',
  'assets',
  'api_resources',
  'data_types',
] as const

const DATA_TYPES: [string, string][] = [
  ['literal', 'Text'],
  ['uri', 'URI'],
  ['resource', 'All'],
  ['resource:item', 'Item'],
  ['resource:itemset', 'Item Set'],
  ['resource:media', 'Media'],
]

const apiResourceJson = (req: ApiRequest, id: string) => ({
  '@context': req.urls.context,
  '@id': req.urls.api('api_resources', id),
  '@type': 'o:ApiResource',
  'o:id': id,
})

/** /api/api_resources: every adapter; reading any id answers with it (Omeka does no lookup). No total. */
export const apiResourcesResource: Resource = {
  name: 'api_resources',
  adapter: adapterClass('ApiResource'),
  search: (req) => ({ items: API_RESOURCE_IDS.map((id) => apiResourceJson(req, id)) }),
  read: (req) => apiResourceJson(req, req.id),
}

const dataTypeJson = (req: ApiRequest, [id, label]: [string, string]) => ({
  '@context': req.urls.context,
  '@id': req.urls.api('data_types', id),
  '@type': 'o:DataType',
  'o:id': id,
  'o:label': label,
})

export const dataTypesResource: Resource = {
  name: 'data_types',
  adapter: adapterClass('DataType'),
  search: (req) => ({ items: DATA_TYPES.map((d) => dataTypeJson(req, d)) }),
  read: (req) =>
    dataTypeJson(
      req,
      DATA_TYPES.find(([id]) => id === req.id) ??
        serverError('API response content must implement Omeka\\Api\\ResourceInterface.'),
    ),
}

/** Value annotations exist as an adapter but implement neither search nor read over HTTP. */
export const valueAnnotationsResource: Resource = {
  name: 'value_annotations',
  adapter: adapterClass('ValueAnnotation'),
}
