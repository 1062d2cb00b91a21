import { ApiError } from '../core/http/errors.js'

/** Omeka S roles, in the order the ACL adds them. */
export type SRole = 'researcher' | 'author' | 'reviewer' | 'editor' | 'site_admin' | 'global_admin'
export const S_ROLES: readonly SRole[] = ['researcher', 'author', 'reviewer', 'editor', 'site_admin', 'global_admin']

export interface SUser {
  id: number
  role: SRole
}

export type SOperation = 'search' | 'read' | 'create' | 'update' | 'delete'

const rank = (user: SUser | null) => (user ? S_ROLES.indexOf(user.role) : -1)
const atLeast = (user: SUser | null, role: SRole) => rank(user) >= S_ROLES.indexOf(role)

/** Reviewers and up see private resources and values (the `view-all` privilege). */
export const viewsAll = (user: SUser | null): boolean => atLeast(user, 'reviewer')
export const isAdmin = (user: SUser | null): boolean => atLeast(user, 'site_admin')

/** Omeka S's 403 message; `target` is an adapter class or an entity class. */
export function denied(op: string, target: string): never {
  throw new ApiError(403, `Permission denied for the current user to ${op} the ${target} resource.`)
}

/** Entity-level check for items, item sets, media and assets: authors their own, reviewers update any, editors all. */
export function canChangeResource(user: SUser | null, op: 'update' | 'delete', ownerId: number | null): boolean {
  if (atLeast(user, 'editor')) return true
  if (op === 'update' && atLeast(user, 'reviewer')) return true
  return atLeast(user, 'author') && ownerId !== null && ownerId === user!.id
}

/** Adapter-level privileges by resource (AclFactory). */
export function adapterAllows(user: SUser | null, resource: string, op: SOperation): boolean {
  const reads = op === 'search' || op === 'read'
  switch (resource) {
    case 'items':
    case 'item_sets':
    case 'media':
    case 'assets':
    case 'resource_templates':
      return reads || atLeast(user, 'author')
    case 'sites':
    case 'site_pages':
      return reads || atLeast(user, 'researcher')
    case 'users':
      return user !== null && (reads || op === 'update' || isAdmin(user))
    case 'jobs':
    case 'modules':
      return isAdmin(user)
    case 'value_annotations':
      return user !== null
    default:
      return reads || isAdmin(user)
  }
}
