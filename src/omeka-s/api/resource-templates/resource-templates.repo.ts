import type { ApiRequest } from '../../context.js'
import { ref } from '../resources/json.js'
import { param, type TableSpec } from '../../simple.js'

interface TemplateRow {
  id: number
  ownerId: number | null
  classId: number | null
  titleProperty: number | null
  descriptionProperty: number | null
  label: string
}

interface TemplatePropertyRow {
  templateId: number
  propertyId: number
  alternateLabel: string | null
  alternateComment: string | null
  dataType: string
  isRequired: number
  isPrivate: number
  defaultLang: string | null
}

/** ResourceTemplateRepresentation, with its properties in template order. */
function render(req: ApiRequest, rows: TemplateRow[]): unknown[] {
  const { urls } = req
  const props = req.deps.db.$client
    .prepare<unknown[], TemplatePropertyRow>(
      `SELECT resource_template_id AS templateId, property_id AS propertyId, alternate_label AS alternateLabel, alternate_comment AS alternateComment,
       data_type AS dataType, is_required AS isRequired, is_private AS isPrivate, default_lang AS defaultLang FROM resource_template_property ORDER BY position`,
    )
    .all()
  return rows.map((t) => ({
    '@context': urls.context,
    '@id': urls.api('resource_templates', t.id),
    '@type': 'o:ResourceTemplate',
    'o:id': t.id,
    'o:label': t.label,
    'o:owner': ref(urls, 'users', t.ownerId),
    'o:resource_class': ref(urls, 'resource_classes', t.classId),
    'o:title_property': ref(urls, 'properties', t.titleProperty),
    'o:description_property': ref(urls, 'properties', t.descriptionProperty),
    'o:resource_template_property': props
      .filter((p) => p.templateId === t.id)
      .map((p) => ({
        'o:property': ref(urls, 'properties', p.propertyId),
        'o:alternate_label': p.alternateLabel,
        'o:alternate_comment': p.alternateComment,
        'o:data_type': JSON.parse(p.dataType),
        'o:is_required': p.isRequired === 1,
        'o:is_private': p.isPrivate === 1,
        'o:default_lang': p.defaultLang,
      })),
  }))
}

export const templateSpec: TableSpec<TemplateRow> = {
  table: 'resource_template t',
  entity: 'ResourceTemplate',
  select:
    't.id, t.owner_id AS ownerId, t.resource_class_id AS classId, t.title_property_id AS titleProperty, t.description_property_id AS descriptionProperty, t.label',
  where(q, w) {
    const label = param(q, 'label')
    if (label !== undefined) w.add('t.label = ?', label)
  },
  sorts: {
    label: 's_collate(t.label)',
    resource_class_label: 's_collate((SELECT label FROM resource_class WHERE id = t.resource_class_id))',
    item_count: "(SELECT COUNT(*) FROM resource r WHERE r.resource_template_id = t.id AND r.resource_type = 'items')",
  },
  render,
}
