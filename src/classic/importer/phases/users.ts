import { isOutage, OriginUnreadable } from '../../../core/import/run-context.js'
import pLimit from 'p-limit'
import { commitPage, type RunCtx } from '../context.js'
import { contentHash, mapRole } from '../mappers/records.js'
import { userRewrite } from '../../../core/import/users.js'
import { remoteUser, type RemoteUser } from '../../../core/import/classic-origin/remote.schemas.js'
import type { RecordLog } from '../runs.repo.js'
import { preferredId } from './schema.js'
import { statement } from '../../statements.js'

/** A username not taken locally (`name`, then `name-2`, `name-3`, …). */
function freeUsername(ctx: RunCtx, name: string): string {
  const taken = statement(ctx.deps.db, 'SELECT 1 FROM users WHERE username = ?')
  let candidate = name
  for (let n = 2; taken.get(candidate); n++) candidate = `${name}-${n}`
  return candidate
}

/** Matches a remote user by e-mail or creates it: inactive, no password, `super` mapped to `admin`. */
function upsertUser(ctx: RunCtx, u: RemoteUser, above = 0): RecordLog {
  const { db } = ctx.deps
  const base = { resource: 'users' as const, remoteId: u.id }
  const local = statement<{ id: number; name: string; role: string }>(
    db,
    'SELECT id, name, role FROM users WHERE email = ? COLLATE NOCASE ORDER BY id LIMIT 1',
  ).get(u.email)
  if (local) {
    ctx.users.set(u.id, local.id)
    const entry = ctx.map.get('users', u.id)
    // The import never grants super, nor takes it from a local super user (its own administrator).
    const origin = { name: u.name, role: local.role === 'super' ? 'super' : mapRole(u.role) }
    const { patch, hash } = userRewrite(
      ctx.run.options.mode,
      origin,
      { name: local.name, role: local.role },
      [],
      entry?.hash ?? null,
    )
    if (ctx.dry)
      return {
        ...base,
        localId: local.id,
        outcome: patch ? 'updated' : 'unchanged',
        message: patch ? `Would take from the origin: ${Object.keys(patch).join(', ')}` : 'Matched by e-mail',
      }
    if (patch)
      statement(db, 'UPDATE users SET name = ?, role = ? WHERE id = ?').run(
        patch.name ?? local.name,
        patch.role ?? local.role,
        local.id,
      )
    ctx.map.put('users', {
      remoteId: u.id,
      localId: local.id,
      hash,
      localModified: null,
      createdByRun: entry?.createdByRun ?? null,
      pending: null,
    })
    return {
      ...base,
      localId: local.id,
      outcome: patch ? 'updated' : 'unchanged',
      message: patch
        ? `Matched by e-mail; changed at the origin: ${Object.keys(patch).join(', ')}`
        : 'Matched by e-mail',
    }
  }
  if (ctx.dry) {
    ctx.users.set(u.id, null)
    return { ...base, localId: null, outcome: 'created', message: `Would be created as ${mapRole(u.role)}` }
  }
  const aside = ctx.run.options.mode === 'mirror' ? makeRoom(ctx, u, above) : null
  const id = preferredId(ctx, 'users', u.id) ?? null
  const res = statement(
    db,
    'INSERT INTO users (id, username, name, email, password_hash, active, role) VALUES (?, ?, ?, ?, NULL, 0, ?)',
  ).run(id, freeUsername(ctx, u.username), u.name, u.email, mapRole(u.role))
  const localId = Number(res.lastInsertRowid)
  ctx.users.set(u.id, localId)
  ctx.map.put('users', {
    remoteId: u.id,
    localId,
    hash: contentHash({ name: u.name, role: mapRole(u.role) }),
    localModified: null,
    createdByRun: ctx.run.id,
    pending: null,
  })
  const notes = [aside, u.role === 'super' ? 'Role super imported as admin' : null].filter((m) => m !== null)
  return { ...base, localId, outcome: 'created', message: notes.join('; ') || null }
}

/** Local users no import brought here (the data dir's own administrator, accounts made here). */
function ownUser(ctx: RunCtx, id: number): { id: number; username: string } | undefined {
  return statement(
    ctx.deps.db,
    "SELECT id, username FROM users WHERE id = ? AND id NOT IN (SELECT local_id FROM import_id_map WHERE resource = 'users')",
  ).get(id) as { id: number; username: string } | undefined
}

/** Whether a local user owns records here (then its id cannot move). */
function ownsRecords(ctx: RunCtx, id: number): boolean {
  const tables = ['items', 'collections', ...(ctx.deps.plugins.active.has('exhibit-builder') ? ['exhibits'] : [])]
  return tables.some((t) => statement(ctx.deps.db, `SELECT 1 FROM ${t} WHERE owner_id = ? LIMIT 1`).get(id))
}

/** Moves a local user to another id, its API keys with it (so the operator's key keeps working). */
function moveUser(ctx: RunCtx, from: number, to: number): void {
  const { db } = ctx.deps
  // keys.user_id references users.id: checked at commit, once both rows agree again.
  db.$client.pragma('defer_foreign_keys = ON')
  statement(db, 'UPDATE users SET id = ? WHERE id = ?').run(to, from)
  statement(db, 'UPDATE keys SET user_id = ? WHERE user_id = ?').run(to, from)
  statement(db, 'UPDATE import_runs SET owner_id = ? WHERE owner_id = ?').run(to, from)
}

/**
 * Mirror: the origin user's id and username are its own here too. A local user no import brought that
 * holds them (the new data dir's administrator) moves aside (past the ids being read, a `-local` username),
 * keeping its API keys, when it owns nothing here; otherwise the origin user gets a new id and the log
 * says why. Returns that message, or null.
 */
function makeRoom(ctx: RunCtx, u: RemoteUser, above: number): string | null {
  const { db } = ctx.deps
  const notes: string[] = []
  const byId = ownUser(ctx, u.id)
  if (byId && ownsRecords(ctx, byId.id))
    notes.push(
      `Id ${u.id} is taken here by the local user "${byId.username}", who owns records here: the origin's user got a new id, so owner ids differ from the origin's`,
    )
  else if (byId) {
    // Past the ids of the users being read with this one, so it moves once, not once per origin user.
    const free = Math.max(above, (statement(db, 'SELECT MAX(id) AS n FROM users').get() as { n: number }).n) + 1
    moveUser(ctx, byId.id, free)
    notes.push(`The local user "${byId.username}" moved from id ${u.id} to ${free} (its API keys with it)`)
  }
  const byName = statement(db, 'SELECT id, username FROM users WHERE username = ?').get(u.username) as
    | { id: number; username: string }
    | undefined
  if (byName && ownUser(ctx, byName.id)) {
    const name = freeUsername(ctx, `${u.username}-local`)
    statement(db, 'UPDATE users SET username = ? WHERE id = ?').run(name, byName.id)
    notes.push(`The local user "${u.username}" was renamed "${name}"`)
  }
  return notes.join('; ') || null
}

/**
 * Makes sure every owner in `remoteIds` is resolved before records that reference it are written:
 * each user is fetched once (never per record), only users owning imported records are imported.
 * Without a key, or with users off, owners fall back to the importing user.
 */
export async function ensureUsers(ctx: RunCtx, remoteIds: Iterable<number>): Promise<void> {
  const missing = [...new Set(remoteIds)].filter((id) => !ctx.users.has(id))
  if (!missing.length) return
  if (!ctx.run.options.authenticated || !ctx.run.options.import_users) {
    for (const id of missing) ctx.users.set(id, null)
    return
  }
  const limit = pLimit(ctx.downloadConcurrency)
  const fetched = await Promise.all(
    missing.map((id) => limit(async () => ({ id, r: await ctx.client.getJson(ctx.client.apiUrl(`users/${id}`)) }))),
  )
  const outage = fetched.find(({ r }) => !r.ok && isOutage(r.error))
  // An owner unreadable because the origin is down is read again on resume, never replaced by a stand-in.
  if (outage && !outage.r.ok)
    throw new OriginUnreadable(`Could not read the owner users/${outage.id}: ${outage.r.error.message}`)
  ctx.counters.users.total += missing.length
  commitPage(ctx, null, () =>
    fetched.map(({ id, r }) => {
      if (!r.ok) {
        ctx.users.set(id, null)
        return {
          resource: 'users',
          remoteId: id,
          localId: null,
          outcome: r.error.status === 403 || r.error.status === 404 ? 'skipped' : 'failed',
          message: `Owner not readable (${r.error.message}); records use the importing user`,
        }
      }
      const parsed = remoteUser.safeParse(r.value.json)
      if (!parsed.success) {
        ctx.users.set(id, null)
        return { resource: 'users', remoteId: id, localId: null, outcome: 'failed', message: 'Unreadable user record' }
      }
      return upsertUser(ctx, parsed.data, Math.max(...missing))
    }),
  )
}

/** The local owner for a remote owner reference. */
export function ownerFor(ctx: RunCtx, remoteId: number | null): number | null {
  if (remoteId === null) return null
  return ctx.users.get(remoteId) ?? ctx.fallbackOwner
}

/**
 * Mirror: Classic's API has no users index, so the users no record named are read by id, up to the
 * highest id an owner had (owner ids keep their place; users above it stay unknown).
 */
export async function mirrorUsers(ctx: RunCtx): Promise<void> {
  if (!ctx.run.options.authenticated || !ctx.run.options.import_users) return
  const known = new Set([...ctx.users.keys(), ...ctx.map.all('users').keys()])
  const max = Math.max(0, ...known)
  const gaps = Array.from({ length: max }, (_, n) => n + 1).filter((id) => !known.has(id))
  try {
    if (gaps.length) await ensureUsers(ctx, gaps)
  } catch (err) {
    if (!(err instanceof OriginUnreadable)) throw err
    ctx.unread = { resource: 'users', message: err.message }
  }
}
