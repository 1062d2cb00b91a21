import type { Urls } from '../../urls.js'
import { ref } from '../resources/json.js'

export interface TemplateRow {
  id: number
  ownerId: number | null
  classId: number | null
  titleProperty: number | null
  descriptionProperty: number | null
  label: string
}

export interface TemplatePropertyRow {
  templateId: number
  propertyId: number
  alternateLabel: string | null
  alternateComment: string | null
  dataType: string
  isRequired: number
  isPrivate: number
  defaultLang: string | null
}

/** ResourceTemplateRepresentation, with its properties (`props`: every template's, in template order). */
export function templatesJson(urls: Urls, rows: TemplateRow[], props: TemplatePropertyRow[]): unknown[] {
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
