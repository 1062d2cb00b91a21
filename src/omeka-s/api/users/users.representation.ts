import type { RawRow } from '../../../core/db/rows.js'
import type { users } from '../../db/schema/index.js'
import type { Urls } from '../../urls.js'

/** A `user` row (`is_active` as 0/1) without its modified date. */
export type UserRow = Omit<RawRow<typeof users>, 'modified'>

/** UserRepresentation (`o:created` is a bare string). */
export function userJson(urls: Urls, u: UserRow): Record<string, unknown> {
  return {
    '@context': urls.context,
    '@id': urls.api('users', u.id),
    '@type': 'o:User',
    'o:id': u.id,
    'o:name': u.name,
    'o:email': u.email,
    'o:created': u.created,
    'o:role': u.role,
    'o:is_active': u.isActive === 1,
  }
}
