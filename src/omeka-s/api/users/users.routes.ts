import { createUser, deleteUser, updateUser } from './users.write.js'
import { adapterClass, type Resource } from '../../context.js'
import { tableRead, tableSearch } from '../../simple.js'
import { userSpec } from './users.repo.js'

export const usersResource: Resource = {
  name: 'users',
  adapter: adapterClass('User'),
  search: (req) => tableSearch(req, userSpec),
  read: (req) => tableRead(req, userSpec),
  create: (req) => createUser(req),
  update: (req, partial) => updateUser(req, partial),
  delete: (req) => deleteUser(req),
}
