import { Hono } from 'hono'
import type { Deps } from './deps.js'
import { classicApi } from './classic/index.js'
import { controlPlane } from './control/control.routes.js'
import { filesWeb } from './web/files.routes.js'
import { plainJson } from './http/respond.js'

/** The whole HTTP application as a function of its dependencies; nothing here touches globals. */
export function createApp(deps: Deps): Hono {
  const app = new Hono()
  app.route('/api', classicApi(deps))
  app.route('/files', filesWeb(deps))
  if (deps.config.control) app.route('/__admin', controlPlane(deps))
  app.notFound((c) => (c.req.path.startsWith('/__admin') ? plainJson({ message: 'Not found.' }, 404) : c.text('Not Found', 404)))
  app.onError((err) => {
    console.error(err)
    return plainJson({ message: 'Internal server error.' }, 500)
  })
  return app
}
