import * as z from 'zod'
import { nextId } from '../../db/client.js'
import { denied, isAdmin, ROLES } from '../../acl.js'
import { entityClass, type ApiRequest } from '../../context.js'
import { entityNotFound, validationError } from '../../respond.js'
import { tableRow } from '../../simple.js'
import { renderRow } from '../../write/owned.js'
import { asDeleted, nowTimestamp, pathId, phpBool, shouldHydrate, strOrNull } from '../../write/payload-fields.js'
import { userSpec } from './users.repo.js'
import { emailSchema } from './users.schemas.js'

const USER = entityClass('User')

interface UserFields {
  name: string
  email: string
  role: string
  isActive: boolean
}

/** Laminas\Validator\EmailAddress's messages for an address it refuses (none: valid). */
export function emailMessages(email: string): string[] {
  const m = /^(.+)@([^@]+)$/.exec(email)
  if (!m) return ['The input is not a valid email address. Use the basic format local-part@hostname']
  if (emailSchema.safeParse(email).success) return []
  if (m[1]!.length > 64) return ['The input exceeds the allowed length']
  return [`'${m[2]}' is not a valid hostname for the email address`]
}

/**
 * UserAdapter::validateEntity: name, a valid unique email, a role. Omeka stores any non-empty role
 * string (a user then unusable); omeka-twin refuses an unknown one too, but only once Omeka's own checks
 * pass, so whatever Omeka refuses is answered exactly as Omeka answers it.
 */
function validate(req: ApiRequest, f: UserFields, id: number): void {
  const errors: Record<string, string[]> = {}
  if (f.name === '') errors['o:name'] = ['The name cannot be empty.']
  const email = emailMessages(f.email)
  if (email.length) errors['o:email'] = email
  else if (req.deps.db.$client.prepare('SELECT 1 FROM user WHERE email = ? AND id != ?').get(f.email, id))
    errors['o:email'] = [`The email ${f.email} is already taken.`]
  if (f.role === '') errors['o:role'] = ['Users must have a role.']
  if (Object.keys(errors).length) validationError(errors)
  if (!(ROLES as readonly string[]).includes(f.role)) validationError({ 'o:role': ['Users must have a role.'] })
}

const text = (v: unknown) => (strOrNull(v) ?? '').trim()

/** POST /api/users (admins). */
export function createUser(req: ApiRequest): unknown {
  const b = req.body
  const f = {
    name: text(b['o:name']),
    email: text(b['o:email']),
    role: text(b['o:role']),
    isActive: phpBool(b['o:is_active']),
  }
  validate(req, f, 0)
  const { db } = req.deps
  const id = db.$client.transaction(() => {
    const id = nextId(db, 'users')
    db.$client
      .prepare('INSERT INTO user (id, email, name, created, role, is_active) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, f.email, f.name, nowTimestamp(), f.role, f.isActive ? 1 : 0)
    return id
  })()
  return renderRow(req, userSpec, id)
}

/** PUT/PATCH /api/users/:id: oneself or (admins) anyone; role and activation changes are the admins'. */
export function updateUser(req: ApiRequest, partial: boolean): unknown {
  const row = tableRow(req, userSpec, pathId(req)) ?? entityNotFound('User', req.id)
  if (!isAdmin(req.user) && req.user?.id !== row.id) denied('update', USER)
  const b = req.body
  const pick = (key: string, old: string) => (shouldHydrate(req, partial, key) && key in b ? text(b[key]) : old)
  const f = {
    name: pick('o:name', row.name),
    email: pick('o:email', row.email),
    role: pick('o:role', row.role),
    isActive: 'o:is_active' in b ? phpBool(b['o:is_active']) : row.isActive === 1,
  }
  if (f.role !== row.role && !isAdmin(req.user)) denied('change-role', USER)
  if (f.isActive !== (row.isActive === 1) && !isAdmin(req.user)) denied('activate-user', USER)
  validate(req, f, row.id)
  req.deps.db.$client
    .prepare('UPDATE user SET name = ?, email = ?, role = ?, is_active = ?, modified = ? WHERE id = ?')
    .run(f.name, f.email, f.role, f.isActive ? 1 : 0, nowTimestamp(), row.id)
  return renderRow(req, userSpec, row.id)
}

/** DELETE /api/users/:id (admins): their records stay, without an owner. */
export function deleteUser(req: ApiRequest): unknown {
  const row = tableRow(req, userSpec, pathId(req)) ?? entityNotFound('User', req.id)
  const rep = asDeleted(renderRow(req, userSpec, row.id), req.urls.api('users'))
  const { db } = req.deps
  db.$client.transaction(() => {
    for (const t of [
      'resource',
      'asset',
      'resource_template',
      'site',
      'vocabulary',
      'property',
      'resource_class',
      'job',
    ])
      db.$client.prepare(`UPDATE ${t} SET owner_id = NULL WHERE owner_id = ?`).run(row.id)
    db.$client.prepare('DELETE FROM site_permission WHERE user_id = ?').run(row.id)
    db.$client.prepare('DELETE FROM user WHERE id = ?').run(row.id)
  })()
  return rep
}
