import type { ClassicResource } from '../../context.js'
import { recordResponse } from '../../respond.js'

/** `/api/site`: the site information; `omeka_url` is the origin it is served from. */
export const siteResource: ClassicResource = {
  name: 'site',
  controller: 'site',
  actions: ['index'],
  handlers: {
    index(req) {
      const site = req.deps.options.site()
      return recordResponse(req, {
        omeka_url: req.urls.origin,
        omeka_version: site.omeka_version,
        title: site.title,
        description: site.description,
        author: site.author,
        copyright: site.copyright,
      })
    },
  },
}
