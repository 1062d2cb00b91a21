import { isAdmin, type User } from '../../acl.js'
import type { ApiRequest } from '../../context.js'
import { entityNotFound } from '../../respond.js'
import { siteVisibleSql } from '../sites/sites.visibility.js'
import { rawRefId, refIdOf, shouldHydrate } from '../../write/payload-fields.js'
import { visibleSql, type ResourceKind } from './resource.data.js'

const rawId = (ref: unknown, id: number): number | string => rawRefId(ref) ?? id

/** A PHP array's members in order (JSON arrays and objects both iterate), as ItemAdapter's foreach reads them. */
function members(value: unknown): unknown[] {
  if (value === null || typeof value !== 'object') return []
  return Array.isArray(value) ? value : 'o:id' in value ? [value] : Object.values(value)
}

/**
 * The references a resource write names must exist and be visible to the caller: hydration finds them with
 * the adapters' findEntity(), whose 404 (`Omeka\Entity\ResourceClass entity with criteria {"id":9999} not
 * found`) ends the request before anything is stored. Checked in hydration order (class, template, then
 * an item's item sets and sites), and before any media is ingested.
 */
export function checkReferences(
  req: ApiRequest,
  kind: ResourceKind,
  partial: boolean,
  itemId: number | null = null,
): void {
  const { db } = req.deps
  const exists = (sql: string, ...args: unknown[]) => db.$client.prepare(sql).get(...args) !== undefined
  for (const [key, table, entity] of [
    ['o:resource_class', 'resource_class', 'ResourceClass'],
    ['o:resource_template', 'resource_template', 'ResourceTemplate'],
  ] as const) {
    if (!shouldHydrate(req, partial, key)) continue
    const id = refIdOf(req.body[key])
    if (id !== null && !exists(`SELECT 1 FROM ${table} WHERE id = ?`, id))
      entityNotFound(entity, rawId(req.body[key], id))
  }
  if (kind !== 'items') return
  // An item set or site the item already has is taken from the item's collection, not found again.
  const has = (sql: string, id: number) => itemId !== null && exists(sql, itemId, id)
  if (shouldHydrate(req, partial, 'o:item_set')) {
    const vis = visibleSql(req.user)
    for (const ref of members(req.body['o:item_set'])) {
      const id = refIdOf(ref)
      if (
        id !== null &&
        !has('SELECT 1 FROM item_item_set WHERE item_id = ? AND item_set_id = ?', id) &&
        !exists(
          `SELECT 1 FROM resource r WHERE r.id = ? AND r.resource_type = 'item_sets' AND ${vis.sql}`,
          id,
          ...vis.args,
        )
      )
        entityNotFound('ItemSet', rawId(ref, id))
    }
  }
  if (shouldHydrate(req, partial, 'o:site')) {
    const vis = siteVisibleSql(req.user, 's')
    for (const ref of members(req.body['o:site'])) {
      const id = refIdOf(ref)
      if (
        id !== null &&
        !has('SELECT 1 FROM item_site WHERE item_id = ? AND site_id = ?', id) &&
        !exists(`SELECT 1 FROM site s WHERE s.id = ? AND ${vis.sql}`, id, ...vis.args)
      )
        entityNotFound('Site', rawId(ref, id))
    }
  }
}

/**
 * The `can-assign-items` privilege on a site: global and site admins, and users holding an editor or admin
 * permission on it (AclFactory's HasSitePermissionAssertion('editor')).
 */
export function canAssignItems(req: ApiRequest, user: User | null, siteId: number): boolean {
  if (isAdmin(user)) return true
  if (!user) return false
  return (
    req.deps.db.$client
      .prepare("SELECT 1 FROM site_permission WHERE site_id = ? AND user_id = ? AND role IN ('editor', 'admin')")
      .get(siteId, user.id) !== undefined
  )
}
