/**
 * Omeka Classic's access rules for API keys, from application/libraries/Omeka/Application/Resource/Acl.php
 * and the observed behaviour of Omeka Classic 3.2.1 (shared/reference/omeka-classic-api.md §8).
 * Pure: no database, no HTTP. Every route asks `can()`.
 */

export type Role = 'super' | 'admin' | 'contributor' | 'researcher'
export const ROLES: readonly Role[] = ['super', 'admin', 'contributor', 'researcher']

export interface Actor {
  id: number
  role: Role
}

/** ACL resources, named as Omeka names its controllers. */
export type AclResource =
  | 'Items'
  | 'Collections'
  | 'Files'
  | 'ElementSets'
  | 'ItemTypes'
  | 'Tags'
  | 'Users'
  | 'Geolocations'
  | 'Exhibits'
  | 'Imports'

export type Privilege = 'show' | 'showNotPublic' | 'add' | 'edit' | 'delete'

/** What the privilege applies to: the owner of the record (for the *Self privileges), or the user shown. */
export interface Target {
  ownerId?: number | null
  userId?: number
}

const ownerMatches = (actor: Actor, target?: Target) => target?.ownerId != null && target.ownerId === actor.id

/** May `actor` (null: anonymous) exercise `privilege` on `resource` (optionally a given record)? */
export function can(actor: Actor | null, privilege: Privilege, resource: AclResource, target?: Target): boolean {
  if (resource === 'Users') {
    // Omeka_Acl_Assert_User with the resource passed as a string: super sees anyone, others only themselves.
    if (!actor) return false
    return actor.role === 'super' || (privilege === 'show' && target?.userId === actor.id)
  }
  if (privilege === 'show') return true
  if (!actor) return false
  if (actor.role === 'super') return true
  if (resource === 'Imports') return false
  const isAdmin = actor.role === 'admin'
  if (privilege === 'showNotPublic') {
    // ExhibitBuilder: admins see every exhibit, contributors their own (showSelfNotPublic).
    if (resource === 'Exhibits') return isAdmin || (actor.role === 'contributor' && ownerMatches(actor, target))
    return resource === 'Items' || resource === 'Collections' || resource === 'Files'
  }
  switch (resource) {
    case 'ElementSets':
      return false // admins are denied ElementSets; elements belong to it too
    case 'ItemTypes':
      return isAdmin && privilege !== 'delete'
    case 'Tags':
      return isAdmin
    case 'Items':
    case 'Collections':
      if (isAdmin) return true
      if (actor.role !== 'contributor') return false
      return privilege === 'add' || ownerMatches(actor, target)
    case 'Files':
      // Contributors have editSelf on Files (ownership is the parent item's owner), never delete.
      if (isAdmin) return true
      return actor.role === 'contributor' && privilege === 'edit' && ownerMatches(actor, target)
    case 'Geolocations':
      // Geolocation allows everyone (allow(null, 'Locations')); omeka-twin keeps anonymous callers out
      // (above), every signed-in role may write locations as in Omeka (docs/compatibility.md).
      return true
    case 'Exhibits':
      return isAdmin
  }
}
