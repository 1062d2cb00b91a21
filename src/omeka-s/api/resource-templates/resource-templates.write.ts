import { nextId, transaction, type Db } from '../../db/client.js'
import type { ApiRequest } from '../../context.js'
import { validationError } from '../../respond.js'
import { renderRow, writableOwned } from '../../write/owned.js'
import { asDeleted, phpBool, refIdOf, shouldHydrate, strOrNull } from '../../write/payload-fields.js'
import { templateSpec } from './resource-templates.repo.js'

interface TemplateProperty {
  propertyId: number
  alternateLabel: string | null
  alternateComment: string | null
  dataType: string[]
  isRequired: boolean
  isPrivate: boolean
  defaultLang: string | null
}

const nullIfEmpty = (v: unknown) => strOrNull(v) || null

function templateProperties(body: Record<string, unknown>): TemplateProperty[] {
  const list = Array.isArray(body['o:resource_template_property'])
    ? (body['o:resource_template_property'] as unknown[])
    : []
  return list
    .filter((p): p is Record<string, unknown> => p !== null && typeof p === 'object')
    .map((p) => ({
      propertyId: refIdOf(p['o:property']) ?? 0,
      alternateLabel: nullIfEmpty(p['o:alternate_label']),
      alternateComment: nullIfEmpty(p['o:alternate_comment']),
      dataType: Array.isArray(p['o:data_type'])
        ? (p['o:data_type'] as unknown[]).filter((t): t is string => typeof t === 'string')
        : [],
      isRequired: phpBool(p['o:is_required']),
      isPrivate: phpBool(p['o:is_private']),
      defaultLang: nullIfEmpty(p['o:default_lang']),
    }))
    .filter((p) => p.propertyId > 0)
}

/** ResourceTemplateAdapter::validateEntity: a unique, non-empty label and each property once. */
function validate(db: Db, label: string, props: TemplateProperty[], id: number): void {
  const errors: Record<string, string[]> = {}
  if (label === '') errors['o:label'] = ['The label cannot be empty.']
  else if (db.$client.prepare('SELECT 1 FROM resource_template WHERE label = ? AND id != ?').get(label, id))
    errors['o:label'] = ['The label is already taken.']
  const seen = new Set<number>()
  for (const p of props) {
    if (seen.has(p.propertyId))
      (errors['o:property'] ??= []).push(`Attempting to add duplicate property with ID ${p.propertyId}`)
    seen.add(p.propertyId)
  }
  if (Object.keys(errors).length) validationError(errors)
}

function saveProperties(db: Db, id: number, props: TemplateProperty[]): void {
  db.$client.prepare('DELETE FROM resource_template_property WHERE resource_template_id = ?').run(id)
  props.forEach((p, n) =>
    db.$client
      .prepare(
        `INSERT INTO resource_template_property (resource_template_id, property_id, alternate_label, alternate_comment, position, data_type, is_required, is_private, default_lang)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        p.propertyId,
        p.alternateLabel,
        p.alternateComment,
        n + 1,
        JSON.stringify(p.dataType),
        p.isRequired ? 1 : 0,
        p.isPrivate ? 1 : 0,
        p.defaultLang,
      ),
  )
}

/** POST /api/resource_templates. */
export function createTemplate(req: ApiRequest): unknown {
  const { db } = req.deps
  const b = req.body
  const label = (strOrNull(b['o:label']) ?? '').trim()
  const props = templateProperties(b)
  validate(db, label, props, 0)
  const id = transaction(db, () => {
    const id = nextId(db, 'resource_templates')
    db.$client
      .prepare(
        'INSERT INTO resource_template (id, owner_id, resource_class_id, title_property_id, description_property_id, label) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        id,
        req.user?.id ?? null,
        refIdOf(b['o:resource_class']),
        refIdOf(b['o:title_property']),
        refIdOf(b['o:description_property']),
        label,
      )
    saveProperties(db, id, props)
    return id
  })
  return renderRow(req, templateSpec, id)
}

/** PUT/PATCH /api/resource_templates/:id. */
export function updateTemplate(req: ApiRequest, partial: boolean): unknown {
  const row = writableOwned(req, templateSpec, 'update')
  const { db } = req.deps
  const b = req.body
  const has = (k: string) => shouldHydrate(req, partial, k)
  const label = has('o:label') ? (strOrNull(b['o:label']) ?? '').trim() : row.label
  const props = has('o:resource_template_property') ? templateProperties(b) : null
  validate(db, label, props ?? [], row.id)
  transaction(db, () => {
    const pick = (k: string, old: number | null) => (has(k) ? refIdOf(b[k]) : old)
    db.$client
      .prepare(
        'UPDATE resource_template SET label = ?, resource_class_id = ?, title_property_id = ?, description_property_id = ? WHERE id = ?',
      )
      .run(
        label,
        pick('o:resource_class', row.classId),
        pick('o:title_property', row.titleProperty),
        pick('o:description_property', row.descriptionProperty),
        row.id,
      )
    if (props) saveProperties(db, row.id, props)
  })
  return renderRow(req, templateSpec, row.id)
}

/** DELETE /api/resource_templates/:id: resources using it keep their values and lose the template. */
export function deleteTemplate(req: ApiRequest): unknown {
  const row = writableOwned(req, templateSpec, 'delete')
  const rep = asDeleted(renderRow(req, templateSpec, row.id), req.urls.api('resource_templates'))
  const { db } = req.deps
  transaction(db, () => {
    db.$client.prepare('UPDATE resource SET resource_template_id = NULL WHERE resource_template_id = ?').run(row.id)
    db.$client.prepare('DELETE FROM resource_template WHERE id = ?').run(row.id)
  })
  return rep
}
