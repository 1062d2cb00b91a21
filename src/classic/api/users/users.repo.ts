import type { Db } from '../../db/client.js'
import { statement } from '../../statements.js'
import type { Actor, Role } from '../../acl.js'

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
  const row = statement(db, 'SELECT u.id, u.role FROM keys k JOIN users u ON u.id = k.user_id WHERE k.key = ? AND u.active = 1').get(key) as Actor | undefined
  return row ?? null
}

export function findUser(db: Db, id: number): UserRow | undefined {
  const r = statement(db, 'SELECT id, username, name, email, active, role FROM users WHERE id = ?').get(id) as (Omit<UserRow, 'active'> & { active: number }) | undefined
  return r && { ...r, active: r.active === 1 }
}

export interface NewUser {
  username: string
  email: string
  role: Role
  name: string
}

/** Adds an active user (without a password: API keys only) and returns its id; ids are never reused. */
export function insertUser(db: Db, u: NewUser): number {
  const r = statement(db, 'INSERT INTO users (username, name, email, active, role) VALUES (?, ?, ?, 1, ?)').run(u.username, u.name, u.email, u.role)
  return Number(r.lastInsertRowid)
}

/** Whether a username or an email address is already taken (Omeka requires both to be unique). */
export function userConflict(db: Db, username: string, email: string): 'username' | 'email' | null {
  if (statement(db, 'SELECT 1 FROM users WHERE username = ?').get(username)) return 'username'
  if (statement(db, 'SELECT 1 FROM users WHERE lower(email) = lower(?)').get(email)) return 'email'
  return null
}

/** A user by numeric id or by username. */
export function findUserByLogin(db: Db, login: string): UserRow | undefined {
  if (/^\d+$/.test(login)) return findUser(db, Number(login))
  const row = statement(db, 'SELECT id FROM users WHERE username = ?').get(login) as { id: number } | undefined
  return row && findUser(db, row.id)
}

export interface KeyRow {
  key: string
  userId: number
  username: string
  role: Role
  label: string | null
}

/** Every API key with its user, in creation order. */
export function listKeys(db: Db): KeyRow[] {
  return statement(db, 'SELECT k.key, k.user_id AS userId, u.username, u.role, k.label FROM keys k JOIN users u ON u.id = k.user_id ORDER BY k.id')
    .all() as KeyRow[]
}

/** Stores a new API key for a user. */
export function insertKey(db: Db, userId: number, key: string, label: string | null = null): void {
  statement(db, 'INSERT INTO keys (user_id, key, label) VALUES (?, ?, ?)').run(userId, key, label)
}

/** Removes an API key; false when there was no such key. */
export function deleteKey(db: Db, key: string): boolean {
  return statement(db, 'DELETE FROM keys WHERE key = ?').run(key).changes > 0
}
