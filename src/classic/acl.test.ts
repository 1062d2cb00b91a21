import { describe, it, expect } from 'vitest'
import { can, type Actor } from './acl.js'

// Expectations from shared/reference/omeka-classic-api.md §8 (observed on Omeka Classic 3.2.1).
const superUser: Actor = { id: 1, role: 'super' }
const admin: Actor = { id: 2, role: 'admin' }
const contributor: Actor = { id: 3, role: 'contributor' }
const researcher: Actor = { id: 4, role: 'researcher' }

describe('can', () => {
  it('lets everyone see public records but only logged-in roles see private items', () => {
    expect(can(null, 'show', 'Items')).toBe(true)
    expect(can(null, 'showNotPublic', 'Items')).toBe(false)
    expect(can(researcher, 'showNotPublic', 'Items')).toBe(true)
    expect(can(contributor, 'showNotPublic', 'Collections')).toBe(true)
  })

  it('lets contributors add items and edit or delete only their own', () => {
    expect(can(contributor, 'add', 'Items')).toBe(true)
    expect(can(contributor, 'edit', 'Items', { ownerId: 3 })).toBe(true)
    expect(can(contributor, 'delete', 'Items', { ownerId: 3 })).toBe(true)
    expect(can(contributor, 'edit', 'Items', { ownerId: 1 })).toBe(false)
    expect(can(contributor, 'delete', 'Items', { ownerId: 1 })).toBe(false)
  })

  it('denies researchers and anonymous callers every write', () => {
    for (const p of ['add', 'edit', 'delete'] as const) {
      expect(can(researcher, p, 'Items', { ownerId: 4 })).toBe(false)
      expect(can(null, p, 'Collections')).toBe(false)
    }
  })

  it('lets admins edit others items and delete tags but not touch element sets', () => {
    expect(can(admin, 'edit', 'Items', { ownerId: 1 })).toBe(true)
    expect(can(admin, 'delete', 'Tags')).toBe(true)
    expect(can(contributor, 'delete', 'Tags')).toBe(false)
    expect(can(admin, 'add', 'ElementSets')).toBe(false)
    expect(can(superUser, 'delete', 'ElementSets')).toBe(true)
  })

  it('lets admins manage item types but not delete them', () => {
    expect(can(admin, 'add', 'ItemTypes')).toBe(true)
    expect(can(admin, 'delete', 'ItemTypes')).toBe(false)
    expect(can(contributor, 'add', 'ItemTypes')).toBe(false)
  })

  it('lets contributors edit files of their own items only', () => {
    expect(can(contributor, 'edit', 'Files', { ownerId: 3 })).toBe(true)
    expect(can(contributor, 'edit', 'Files', { ownerId: 1 })).toBe(false)
  })

  it('shows users to super users, and otherwise only to themselves', () => {
    expect(can(superUser, 'show', 'Users', { userId: 3 })).toBe(true)
    expect(can(admin, 'show', 'Users', { userId: 1 })).toBe(false)
    expect(can(admin, 'show', 'Users', { userId: 3 })).toBe(false)
    expect(can(contributor, 'show', 'Users', { userId: 3 })).toBe(true)
    expect(can(researcher, 'show', 'Users', { userId: 2 })).toBe(false)
    expect(can(null, 'show', 'Users', { userId: 1 })).toBe(false)
  })
})
