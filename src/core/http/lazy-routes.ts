import { Hono } from 'hono'

/** Answer of a loaded sub-app that has no route for the request: the outer app goes on as if unmatched. */
const UNMATCHED = new Response(null, { status: 404 })

/**
 * Routes under `prefix` whose module is loaded on the first request that reaches them, so a server starts
 * without the code of parts few requests use (the admin page, the OpenAPI documents). Mount the result with
 * `app.route(prefix, lazyRoutes(prefix, load))`. Behaves as the eagerly mounted sub-app would: a path the
 * sub-app has no route for falls through to the outer app's later routes and notFound, and an error reaches
 * the outer app's onError.
 */
export function lazyRoutes(prefix: string, load: () => Promise<Hono>): Hono {
  let loaded: Promise<Hono> | null = null
  const mounted = () =>
    (loaded ??= load().then((sub) =>
      new Hono()
        .route(prefix, sub)
        .notFound(() => UNMATCHED)
        .onError((err) => {
          throw err
        }),
    ))
  const routes = new Hono()
  routes.all('*', async (c, next) => {
    const res = await (await mounted()).fetch(c.req.raw, c.env)
    if (res === UNMATCHED) return next()
    return res
  })
  return routes
}
