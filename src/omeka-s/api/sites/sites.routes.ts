import { createSite, deleteSite, updateSite } from './sites.write.js'
import { adapterClass, type Resource } from '../../context.js'
import { tableRead, tableSearch } from '../../simple.js'
import { siteVisibleSql } from './sites.visibility.js'
import { siteSpec } from './sites.repo.js'

export const sitesResource: Resource = {
  name: 'sites',
  adapter: adapterClass('Site'),
  search: (req) => tableSearch(req, siteSpec),
  read: (req) =>
    tableRead(req, siteSpec, (w) => {
      const vis = siteVisibleSql(req.user, 't')
      w.add(vis.sql, ...vis.args)
    }),
  create: (req) => createSite(req),
  update: (req, partial) => updateSite(req, partial),
  delete: (req) => deleteSite(req),
}
