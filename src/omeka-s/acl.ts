import { ApiError } from '../core/http/errors.js'

/** Omeka S roles, in the order the ACL adds them. */
export type Role = 'researcher' | 'author' | 'reviewer' | 'editor' | 'site_admin' | 'global_admin'
export const ROLES: readonly Role[] = ['researcher', 'author', 'reviewer', 'editor', 'site_admin', 'global_admin']

export interface User {
  id: number
  role: Role
}

export type Operation = 'search' | 'read' | 'create' | 'update' | 'delete'

const rank = (user: User | null) => (user ? ROLES.indexOf(user.role) : -1)
const atLeast = (user: User | null, role: Role) => rank(user) >= ROLES.indexOf(role)

/** Reviewers and up see private resources and values (the `view-all` privilege). */
export const viewsAll = (user: User | null): boolean => atLeast(user, 'reviewer')
export const isAdmin = (user: User | null): boolean => atLeast(user, 'site_admin')

/** Omeka S's 403 message; `target` is an adapter class or an entity class. */
export function denied(op: string, target: string): never {
  throw new ApiError(403, `Permission denied for the current user to ${op} the ${target} resource.`)
}

/** Entity-level check for items, item sets, media and assets: authors their own, reviewers update any, editors all. */
export function canChangeResource(user: User | null, op: 'update' | 'delete', ownerId: number | null): boolean {
  if (atLeast(user, 'editor')) return true
  if (op === 'update' && atLeast(user, 'reviewer')) return true
  return atLeast(user, 'author') && ownerId !== null && ownerId === user!.id
}

/** Adapter-level privileges by resource (AclFactory). */
export function adapterAllows(user: User | null, resource: string, op: Operation): boolean {
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
