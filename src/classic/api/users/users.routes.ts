import { can } from '../../acl.js'
import { notFound, permissionDenied } from '../../../core/http/errors.js'
import type { ClassicResource } from '../../context.js'
import { recordResponse } from '../../respond.js'
import { findUser } from './users.repo.js'
import { toUserJson } from './users.representation.js'

export const usersResource: ClassicResource = {
  name: 'users',
  recordType: 'User',
  actions: ['get'],
  handlers: {
    get(req) {
      const user = findUser(req.deps.db, req.id) ?? notFound()
      if (!can(req.user, 'show', 'Users', { userId: user.id })) permissionDenied()
      return recordResponse(req, toUserJson(user, req.urls))
    },
  },
}
