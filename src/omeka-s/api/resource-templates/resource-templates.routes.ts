import { createTemplate, deleteTemplate, updateTemplate } from './resource-templates.write.js'
import { adapterClass, type Resource } from '../../context.js'
import { tableRead, tableSearch } from '../../simple.js'
import { templateSpec } from './resource-templates.repo.js'

export const resourceTemplatesResource: Resource = {
  name: 'resource_templates',
  adapter: adapterClass('ResourceTemplate'),
  search: (req) => tableSearch(req, templateSpec),
  read: (req) => tableRead(req, templateSpec),
  create: (req) => createTemplate(req),
  update: (req, partial) => updateTemplate(req, partial),
  delete: (req) => deleteTemplate(req),
}
