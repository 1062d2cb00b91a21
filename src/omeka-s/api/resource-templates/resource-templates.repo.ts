import type { ApiRequest } from '../../context.js'
import { templatesJson, type TemplatePropertyRow, type TemplateRow } from './resource-templates.representation.js'
import { param, type TableSpec } from '../../simple.js'

/** The templates' representations, with every template property read once. */
function render(req: ApiRequest, rows: TemplateRow[]): unknown[] {
  const props = req.deps.db.$client
    .prepare<unknown[], TemplatePropertyRow>(
      `SELECT resource_template_id AS templateId, property_id AS propertyId, alternate_label AS alternateLabel, alternate_comment AS alternateComment,
       data_type AS dataType, is_required AS isRequired, is_private AS isPrivate, default_lang AS defaultLang FROM resource_template_property ORDER BY position`,
    )
    .all()
  return templatesJson(req.urls, rows, props)
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
