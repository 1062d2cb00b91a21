import { param, type TableSpec } from '../../simple.js'
import { userJson, type UserRow } from './users.representation.js'

export type { UserRow } from './users.representation.js'

export const userSpec: TableSpec<UserRow> = {
  table: 'user t',
  entity: 'User',
  select: 't.id, t.name, t.email, t.created, t.role, t.is_active AS isActive',
  where(q, w) {
    for (const col of ['email', 'name', 'role'] as const) {
      const v = param(q, col)
      if (v !== undefined) w.add(`t.${col} = ?`, v)
    }
    const active = param(q, 'is_active')
    if (active !== undefined && /^\d+$/.test(active)) w.add('t.is_active = ?', Number(active) ? 1 : 0)
    const site = param(q, 'site_permission_site_id')
    if (site !== undefined)
      w.add(
        'EXISTS (SELECT 1 FROM site_permission sp WHERE sp.user_id = t.id AND sp.site_id = ?)',
        parseInt(site, 10) || 0,
      )
  },
  sorts: {
    id: 't.id',
    email: 's_collate(t.email)',
    name: 's_collate(t.name)',
    created: 't.created',
    modified: 't.modified',
    role: 's_collate(t.role)',
  },
  render: (req, rows) => rows.map((u) => userJson(req.urls, u)),
}
