import type { Db } from '../../db/client.js'
import { denied, ROLES, type User } from '../../acl.js'
import type { ApiRequest } from '../../context.js'
import { entityClass } from '../../context.js'
import { validationError } from '../../respond.js'
import type { Catalog } from './catalog.js'
import { loadValues, type ResourceKind, type ResourceRow } from './resource.data.js'
import { hydrateValues, titleOf, type ValueInput } from './values.hydrate.js'
import { phpBool, refIdOf, shouldHydrate } from '../../write/payload-fields.js'

export const ENTITY_NAME: Record<ResourceKind, string> = { items: 'Item', item_sets: 'ItemSet', media: 'Media' }

/** Sees every row: the writer's own reads (visibility is checked before the write). */
export const SYSTEM_USER: User = { id: 0, role: 'global_admin' }

/** The columns of `resource` every kind hydrates (AbstractResourceEntityAdapter::hydrate). */
export interface ResourceFields {
  ownerId: number | null
  classId: number | null
  templateId: number | null
  thumbnailId: number | null
  isPublic: boolean
}

const mayChangeOwner = (user: User | null) => user !== null && ROLES.indexOf(user.role) >= ROLES.indexOf('editor')

/** Owner: the creator unless `o:owner` names someone else, which needs the change-owner privilege. */
function ownerOf(req: ApiRequest, kind: ResourceKind, current: number | null, creating: boolean): number | null {
  if (!('o:owner' in req.body)) return current
  const id = refIdOf(req.body['o:owner'])
  if (id !== current && !mayChangeOwner(req.user)) denied('change-owner', entityClass(ENTITY_NAME[kind]))
  if (id === null) return null
  const exists = req.deps.db.$client.prepare('SELECT 1 FROM user WHERE id = ?').get(id)
  return exists ? id : creating ? current : null
}

/** The common fields from the payload, starting from the stored row (update) or the defaults (create). */
export function resourceFields(
  req: ApiRequest,
  kind: ResourceKind,
  existing: ResourceRow | null,
  partial: boolean,
  body = req.body,
): ResourceFields {
  const has = (key: string) => !partial || key in body
  const pick = (key: string, old: number | null) => (has(key) ? refIdOf(body[key]) : old)
  return {
    ownerId: ownerOf({ ...req, body }, kind, existing ? existing.ownerId : (req.user?.id ?? null), existing === null),
    classId: pick('o:resource_class', existing?.classId ?? null),
    templateId: pick('o:resource_template', existing?.templateId ?? null),
    thumbnailId: pick('o:thumbnail', existing?.thumbnailId ?? null),
    isPublic: has('o:is_public') ? phpBool(body['o:is_public'] ?? true) : (existing?.isPublic ?? true),
  }
}

/** The values to store: the payload's (PUT without values empties them; PATCH without values keeps them). */
export function resourceValues(
  req: ApiRequest,
  catalog: Catalog,
  existing: ResourceRow | null,
  partial: boolean,
  body = req.body,
): ValueInput[] {
  const { db } = req.deps
  const stored = existing ? (loadValues(db, [existing], SYSTEM_USER).get(existing.id) ?? []) : []
  const hydrated = hydrateValues(db, catalog, body, stored)
  if (hydrated !== null || !partial) return hydrated ?? []
  return stored.map((v) => ({
    propertyId: v.propertyId,
    type: v.type,
    value: v.value,
    uri: v.uri,
    lang: v.lang,
    valueResourceId: v.valueResourceId,
    isPublic: v.isPublic,
  }))
}

/** validateEntity: every required template property has a value. */
export function checkTemplate(db: Db, templateId: number | null, values: readonly ValueInput[]): void {
  if (templateId === null) return
  const template = db.$client
    .prepare<unknown[], { label: string }>('SELECT label FROM resource_template WHERE id = ?')
    .get(templateId)
  if (!template) return
  const required = db.$client
    .prepare<unknown[], { pid: number; label: string }>(
      `SELECT t.property_id AS pid, COALESCE(t.alternate_label, p.label) AS label FROM resource_template_property t JOIN property p ON p.id = t.property_id
       WHERE t.resource_template_id = ? AND t.is_required = 1 ORDER BY t.position`,
    )
    .all(templateId)
  const errors = required
    .filter((r) => !values.some((v) => v.propertyId === r.pid))
    .map((r) => `The "${template.label}" resource template requires a "${r.label}" value`)
  if (errors.length) validationError({ 'o:resource_template_property': errors })
}

/** Inserts or updates the `resource` row with its title and values. */
export function saveResourceRow(
  db: Db,
  catalog: Catalog,
  kind: ResourceKind,
  id: number,
  f: ResourceFields,
  values: readonly ValueInput[],
  now: string,
  creating: boolean,
): void {
  const titleProperty = catalog.template(f.templateId)?.titleProperty ?? catalog.propertyIdOf('dcterms:title')
  const title = titleOf(values, titleProperty)
  const cols = [f.ownerId, f.classId, f.templateId, f.thumbnailId, title, f.isPublic ? 1 : 0]
  if (creating)
    db.$client
      .prepare(
        'INSERT INTO resource (id, resource_type, owner_id, resource_class_id, resource_template_id, thumbnail_id, title, is_public, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, kind, ...cols, now, now)
  else
    db.$client
      .prepare(
        'UPDATE resource SET owner_id = ?, resource_class_id = ?, resource_template_id = ?, thumbnail_id = ?, title = ?, is_public = ?, modified = ? WHERE id = ?',
      )
      .run(...cols, now, id)
}

export { shouldHydrate }
