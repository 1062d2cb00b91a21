import { createHash, timingSafeEqual } from 'node:crypto'
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

const HASHED = 'sha256:'

/**
 * How an API key is stored: `sha256:` and the SHA-256 of the key. Keys are 160 random bits, so a fast hash is
 * enough (nothing to brute-force) and the lookup stays an index seek. Keys loaded from a fixture are kept as the
 * fixture gives them (clear keys included), so that an export writes the fixture back unchanged.
 */
export function hashApiKey(key: string): string {
  return `${HASHED}${createHash('sha256').update(key).digest('hex')}`
}

/** The active user owning this API key, as an ACL actor; null for unknown keys or inactive users. */
export function findActorByKey(db: Db, key: string): Actor | null {
  if (key === '' || key.startsWith(HASHED)) return null
  const hashed = hashApiKey(key)
  const row = statement<Actor & { stored: string }>(
    db,
    'SELECT u.id, u.role, k.key AS stored FROM keys k JOIN users u ON u.id = k.user_id WHERE k.key IN (?, ?) AND u.active = 1 LIMIT 1',
  ).get(hashed, key)
  if (!row) return null
  // The seek compared stored strings; the final check compares digests in constant time.
  const digest = (s: string) => createHash('sha256').update(s).digest()
  if (!timingSafeEqual(digest(row.stored), digest(row.stored.startsWith(HASHED) ? hashed : key))) return null
  return { id: row.id, role: row.role }
}

export function findUser(db: Db, id: number): UserRow | undefined {
  const r = statement<Omit<UserRow, 'active'> & { active: number }>(
    db,
    'SELECT id, username, name, email, active, role FROM users WHERE id = ?',
  ).get(id)
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
  const r = statement(db, 'INSERT INTO users (username, name, email, active, role) VALUES (?, ?, ?, 1, ?)').run(
    u.username,
    u.name,
    u.email,
    u.role,
  )
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
  const row = statement<{ id: number }>(db, 'SELECT id FROM users WHERE username = ?').get(login)
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
  return statement<KeyRow>(
    db,
    'SELECT k.key, k.user_id AS userId, u.username, u.role, k.label FROM keys k JOIN users u ON u.id = k.user_id ORDER BY k.id',
  ).all()
}

/** Stores a new API key for a user, hashed; returns the row id. */
export function insertKey(db: Db, userId: number, key: string, label: string | null = null): number {
  return Number(
    statement(db, 'INSERT INTO keys (user_id, key, label) VALUES (?, ?, ?)').run(userId, hashApiKey(key), label)
      .lastInsertRowid,
  )
}

/** Removes an API key (given in clear, or as `key list` shows a hashed one); false when there was no such key. */
export function deleteKey(db: Db, key: string): boolean {
  return (
    statement(db, 'DELETE FROM keys WHERE key IN (?, ?)').run(key, key.startsWith(HASHED) ? key : hashApiKey(key))
      .changes > 0
  )
}
