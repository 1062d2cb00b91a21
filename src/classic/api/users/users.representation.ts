import type { Urls } from '../../../core/http/urls.js'
import type { UserRow } from './users.repo.js'

/** A user as Api_User represents it. */
export function toUserJson(u: UserRow, urls: Urls) {
  return {
    id: u.id,
    url: urls.api('users', u.id),
    username: u.username,
    name: u.name,
    active: u.active,
    email: u.email,
    role: u.role,
    extended_resources: [],
  }
}
