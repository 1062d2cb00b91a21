import { nextId } from '../db/client.js'
import type { RunCtx } from './context.js'

/** Tables whose `owner_id` names a user (a user owning any row here keeps its id). */
const OWNED = ['resource', 'site', 'asset'] as const

/**
 * Mirror: the origin user's id is its own here too. A local user no import brought that holds it (the
 * new data dir's global admin) moves aside past the ids being read, its API keys and site permissions with
 * it (the operator's key keeps working), when it owns nothing here; otherwise the origin user gets a
 * new id and the returned message says why. Null when the id is free (or after the move).
 */
export function makeRoomForUser(ctx: RunCtx, remoteId: number, above: number): string | null {
  const db = ctx.deps.db.$client
  const local = db
    .prepare(
      "SELECT id, email FROM user WHERE id = ? AND id NOT IN (SELECT local_id FROM import_id_map WHERE resource = 'users')",
    )
    .get(remoteId) as { id: number; email: string } | undefined
  if (!local) return null
  if (OWNED.some((t) => db.prepare(`SELECT 1 FROM ${t} WHERE owner_id = ? LIMIT 1`).get(local.id)))
    return `Id ${remoteId} is taken here by the local user ${local.email}, who owns records here: the origin's user got a new id, so owner ids differ from the origin's`
  // Past the ids of the page of users being read, so it moves once, not once per origin user.
  const free = Math.max(nextId(ctx.deps.db, 'users'), above + 1)
  db.prepare("UPDATE sequence SET next = MAX(next, ?) WHERE name = 'users'").run(free + 1)
  // api_key.owner_id references user.id: checked at commit, once both agree again.
  db.pragma('defer_foreign_keys = ON')
  db.prepare('UPDATE user SET id = ? WHERE id = ?').run(free, local.id)
  db.prepare('UPDATE api_key SET owner_id = ? WHERE owner_id = ?').run(free, local.id)
  db.prepare('UPDATE site_permission SET user_id = ? WHERE user_id = ?').run(free, local.id)
  db.prepare('UPDATE import_run SET owner_id = ? WHERE owner_id = ?').run(free, local.id)
  return `The local user ${local.email} moved from id ${remoteId} to ${free} (its API keys with it)`
}
