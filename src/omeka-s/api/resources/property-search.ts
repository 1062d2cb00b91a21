import type { PhpArray } from '../../../core/http/php-query.js'
import { viewsAll, type User } from '../../acl.js'
import type { Catalog } from './catalog.js'
import { visibleSql } from './resource.data.js'

const like = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`)

/** The positive predicate of a search type on value alias `v` (negative types negate the EXISTS). */
function predicate(type: string, text: string): { sql: string; args: unknown[] } | null {
  // vr: the linked resource, LEFT JOINed in the value set (its title is compared like the text).
  const title = 'vr.title'
  const on = (op: string, arg: string) => ({
    sql: `(v.value ${op} OR v.uri ${op} OR ${title} ${op})`,
    args: [arg, arg, arg],
  })
  switch (type) {
    case 'eq':
    case 'neq':
      return on('= ? COLLATE NOCASE', text)
    case 'in':
    case 'nin':
      return on("LIKE ? ESCAPE '\\'", `%${like(text)}%`)
    case 'sw':
    case 'nsw':
      return on("LIKE ? ESCAPE '\\'", `${like(text)}%`)
    case 'ew':
    case 'new':
      return on("LIKE ? ESCAPE '\\'", `%${like(text)}`)
    case 'res':
    case 'nres':
      return { sql: 'v.value_resource_id = ?', args: [/^\s*\d+/.test(text) ? parseInt(text, 10) : 0] }
    case 'dt':
    case 'ndt':
      return { sql: 'v.type = ?', args: [text] }
    case 'ex':
    case 'nex':
      return { sql: '1', args: [] }
    default:
      // Omeka S 4.2.0 core knows only the types above; the AdvancedSearch module's (lex, nlex, tp, tpl,
      // lres, exs, gt…) fall through its `continue`: the row is dropped, joiner and all.
      return null
  }
}

const NEGATIVE = new Set(['neq', 'nin', 'nsw', 'new', 'nres', 'ndt', 'nex'])

/**
 * `property[N][joiner|property|type|text]`: rows combined left to right without grouping (SQL precedence:
 * `A AND B OR C`). Rows missing `property` or `type`, or with an empty/falsy text (except ex/nex), are skipped.
 * Values searched are the ones the caller may see.
 */
export function propertyClause(
  rows: PhpArray,
  user: User | null,
  catalog: Catalog,
): { sql: string; args: unknown[] } | null {
  let sql = ''
  const args: unknown[] = []
  const vis = viewsAll(user) ? '' : user ? ' AND (v.is_public = 1 OR vo.owner_id = ?)' : ' AND v.is_public = 1'
  for (const row of rows.values()) {
    if (!(row instanceof Map) || !row.has('property') || !row.has('type')) continue
    const type = row.get('type')
    const prop = row.get('property')
    const rawText = row.get('text')
    if (typeof type !== 'string' || (prop !== undefined && typeof prop !== 'string')) continue
    const text = typeof rawText === 'string' ? rawText.trim() : ''
    if (type !== 'ex' && type !== 'nex' && (text === '' || text === '0')) continue
    const pred = predicate(type, text)
    if (!pred) continue
    let propSql = ''
    const propArgs: unknown[] = []
    if (typeof prop === 'string' && prop.trim() !== '') {
      propSql = ' AND v.property_id = ?'
      propArgs.push(/^\d+$/.test(prop.trim()) ? parseInt(prop, 10) : catalog.propertyIdOf(prop.trim()))
    }
    // A set computed once (not a correlated EXISTS, which SQLite drives from the property index and
    // re-runs per resource): the resources having a matching value the caller may see.
    const owner = vis.includes('vo.') ? ' JOIN resource vo ON vo.id = v.resource_id' : ''
    // Omeka compares linked titles through a Resource subquery, which its ResourceVisibilityFilter
    // narrows too: the title of a linked resource the caller may not see matches nothing.
    const linkVis = visibleSql(user, 'vr')
    const linked = pred.sql.includes('vr.')
      ? ` LEFT JOIN resource vr ON vr.id = v.value_resource_id${linkVis.sql === '1' ? '' : ` AND ${linkVis.sql}`}`
      : ''
    const linkedArgs = linked && linkVis.sql !== '1' ? linkVis.args : []
    const set = `(SELECT v.resource_id FROM value v${owner}${linked} WHERE 1${propSql} AND ${pred.sql}${vis})`
    const clause = `r.id ${NEGATIVE.has(type) ? 'NOT IN' : 'IN'} ${set}`
    if (sql) sql += row.get('joiner') === 'or' ? ' OR ' : ' AND '
    sql += clause
    args.push(...linkedArgs, ...propArgs, ...pred.args, ...(vis.includes('?') ? [user!.id] : []))
  }
  return sql ? { sql: `(${sql})`, args } : null
}
