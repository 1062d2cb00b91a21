import { isAdmin, type User } from '../../acl.js'

/** Sites the caller may see (Module::filterSites): public ones, plus owned or permitted ones; admins all. */
export function siteVisibleSql(user: User | null, alias: string): { sql: string; args: unknown[] } {
  if (isAdmin(user)) return { sql: '1', args: [] }
  if (!user) return { sql: `${alias}.is_public = 1`, args: [] }
  return {
    sql: `(${alias}.is_public = 1 OR ${alias}.owner_id = ? OR EXISTS (SELECT 1 FROM site_permission sp WHERE sp.site_id = ${alias}.id AND sp.user_id = ?))`,
    args: [user.id, user.id],
  }
}

/** Pages the caller may see (SitePageVisibilityFilter). */
export function pageVisibleSql(user: User | null, page: string, site: string): { sql: string; args: unknown[] } {
  if (isAdmin(user)) return { sql: '1', args: [] }
  const pub = `(${page}.is_public = 1 AND ${site}.is_public = 1)`
  if (!user) return { sql: pub, args: [] }
  return {
    sql: `(${pub} OR ${site}.owner_id = ? OR EXISTS (SELECT 1 FROM site_permission sp WHERE sp.site_id = ${site}.id AND sp.user_id = ?))`,
    args: [user.id, user.id],
  }
}
