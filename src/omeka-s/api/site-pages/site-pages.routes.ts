import { createPage, deletePage, updatePage } from './site-pages.write.js'
import { adapterClass, type Resource } from '../../context.js'
import { tableRead, tableSearch } from '../../simple.js'
import { pageVisibleSql } from '../sites/sites.visibility.js'
import { pageSpec } from './site-pages.repo.js'

export const sitePagesResource: Resource = {
  name: 'site_pages',
  adapter: adapterClass('SitePage'),
  search: (req) => tableSearch(req, pageSpec),
  read: (req) =>
    tableRead(req, pageSpec, (w) => {
      const vis = pageVisibleSql(req.user, 't', 'st')
      w.add(vis.sql, ...vis.args)
    }),
  create: (req) => createPage(req),
  update: (req, partial) => updatePage(req, partial),
  delete: (req) => deletePage(req),
}
