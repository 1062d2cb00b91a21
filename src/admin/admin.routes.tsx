import { Hono } from 'hono'
import { csrf } from 'hono/csrf'
import { HTTPException } from 'hono/http-exception'
import type { RuntimeConfig } from '../config.js'
import { ADMIN_CSS, ADMIN_JS } from './admin.assets.js'
import { adminContext, apiFor, field, type AdminEnv } from './admin.context.js'
import { AdminApi, errorMessage, type AppFetch } from './api-client.js'
import { browseRoutes } from './browse.routes.js'
import { controlRoutes } from './control.routes.js'
import { importsRoutes } from './imports.routes.js'
import { AdminSessions, validCsrf, type AdminCredentials } from './session.js'
import { Layout } from './views/layout.js'
import { LoginPage } from './views/login.js'

// No inline script or style anywhere, so the policy can forbid both.
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
}

/**
 * `/admin`: the web face. Sign in with a super (Classic) or global admin (S) key, kept server-side behind a
 * session cookie; then imports, the browser and (with --control) the control plane, all through this server's
 * own HTTP API. `fetch` is the app's own (createApp passes it), so the page is one more API client.
 */
export function adminRoutes(deps: { config: RuntimeConfig; s?: { mount: string } | undefined }, fetch: AppFetch): Hono {
  const ctx = adminContext(deps, fetch, new AdminSessions())
  const admin = new Hono<AdminEnv>()

  admin.use(async (c, next) => {
    await next()
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(k)) c.res.headers.set(k, v)
  })
  // Forms posted from another origin are refused (hono's Origin check); signed-in forms also carry a token.
  const sameOrigin = csrf()
  admin.use(async (c, next) => {
    try {
      await sameOrigin(c, async () => {})
    } catch (err) {
      if (err instanceof HTTPException)
        return c.html(<Layout title="Refused" error="This form was not sent from this site." />, 403)
      throw err
    }
    await next()
  })
  admin.get('/assets/admin.css', (c) =>
    c.body(ADMIN_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
  )
  admin.get('/assets/admin.js', (c) =>
    c.body(ADMIN_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
  )

  admin.get('/login', (c) =>
    ctx.sessions.find(c)
      ? c.redirect('/admin', 303)
      : c.html(<LoginPage flavors={ctx.flavors} insecure={cookieDropped(c.req.url)} />),
  )
  admin.post('/login', async (c) => {
    const form = await c.req.parseBody()
    const flavor =
      field(form, 'flavor') === 's' && ctx.flavors.includes('s')
        ? 's'
        : ctx.flavors.includes('classic')
          ? 'classic'
          : 's'
    const credentials: AdminCredentials =
      flavor === 'classic'
        ? { flavor, key: field(form, 'key') }
        : { flavor, identity: field(form, 'key_identity'), credential: field(form, 'key_credential') }
    const refused = await checkAdministrator(
      new AdminApi(ctx.fetch, new URL(c.req.url).origin, credentials, ctx.mounts),
    )
    if (refused) return c.html(<LoginPage flavors={ctx.flavors} chosen={flavor} error={refused} />, 403)
    ctx.sessions.create(c, credentials)
    return c.redirect('/admin', 303)
  })

  admin.use(async (c, next) => {
    const session = ctx.sessions.find(c)
    if (!session) return c.req.method === 'GET' ? c.redirect('/admin/login', 303) : c.text('Sign in first.', 401)
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody()
      if (!validCsrf(session, form._csrf))
        return c.html(
          <Layout
            title="Form expired"
            session={session}
            error="This form has expired or did not come from this page. Go back, reload and try again."
          />,
          403,
        )
    }
    c.set('session', session)
    c.set('api', apiFor(ctx, c, session))
    await next()
  })
  admin.post('/logout', (c) => {
    ctx.sessions.destroy(c, c.var.session)
    return c.redirect('/admin/login', 303)
  })
  admin.route('/', importsRoutes(ctx))
  admin.route('/browse', browseRoutes(ctx))
  if (ctx.control) admin.route('/control', controlRoutes(ctx))
  admin.notFound((c) =>
    c.html(
      <Layout title="Not found" session={c.var.session} control={ctx.control}>
        <p>
          There is nothing here. <a href="/admin">Back to the imports</a>.
        </p>
      </Layout>,
      404,
    ),
  )
  return admin as unknown as Hono
}

/** Browsers refuse a Secure cookie over plain http except on loopback: say so before the sign-in fails. */
function cookieDropped(url: string): boolean {
  const u = new URL(url)
  return u.protocol === 'http:' && !/^(localhost|127(\.\d+){3}|\[::1\])$/.test(u.hostname)
}

/** Null when the key is a super user's (Classic) or a global admin's (S): the only people who may import. */
async function checkAdministrator(api: AdminApi): Promise<string | null> {
  const c = api.credentials
  if (c.flavor === 'classic' ? !c.key : !c.identity || !c.credential) return 'Enter the API key.'
  const answer = await api.api('GET', '/imports', { per_page: 1 })
  if (answer.status === 200) return null
  if (c.flavor === 'classic' && answer.status === 403 && errorMessage(answer) === 'Invalid key.') return 'Invalid key.'
  return c.flavor === 'classic'
    ? "This key is not a super user's: only super users may import."
    : "This key pair is not a global administrator's (or is not valid)."
}
