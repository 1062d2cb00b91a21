import type { Db } from '../../db/client.js'
import type { Actor, Role } from '../../acl/acl.js'

export interface UserRow {
  id: number
  username: string
  name: string
  email: string
  active: boolean
  role: Role
}

/** The active user owning this API key, as an ACL actor; null for unknown keys or inactive users. */
export function findActorByKey(db: Db, key: string): Actor | null {
  if (key === '') return null
  const row = db.$client.prepare('SELECT u.id, u.role FROM keys k JOIN users u ON u.id = k.user_id WHERE k.key = ? AND u.active = 1').get(key) as Actor | undefined
  return row ?? null
}

export function findUser(db: Db, id: number): UserRow | undefined {
  const r = db.$client.prepare('SELECT id, username, name, email, active, role FROM users WHERE id = ?').get(id) as (Omit<UserRow, 'active'> & { active: number }) | undefined
  return r && { ...r, active: r.active === 1 }
}
