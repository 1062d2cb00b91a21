import { Layout } from './layout.js'

/** Sign-in: a super user's key (Classic) or a global admin's key pair (Omeka S); never put in a URL (POST only). */
export function LoginPage(p: {
  flavors: ('classic' | 's')[]
  error?: string | undefined
  chosen?: 'classic' | 's' | undefined
  insecure?: boolean
}) {
  const both = p.flavors.length > 1
  const chosen = p.chosen ?? p.flavors[0]!
  return (
    <Layout title="Sign in" error={p.error}>
      {p.insecure ? (
        <p class="warning">
          This page is served over plain http from a host other than localhost: browsers will not keep its Secure
          session cookie. Use https (e.g. behind a reverse proxy) or http://localhost.
        </p>
      ) : null}
      <p>Sign in with an API key of a super user (Omeka Classic) or of a global administrator (Omeka S).</p>
      <form method="post" action="/admin/login" class="stack" autocomplete="off">
        {both ? (
          <fieldset>
            <legend>API</legend>
            <label>
              <input type="radio" name="flavor" value="classic" checked={chosen === 'classic'} /> Omeka Classic (/api)
            </label>
            <label>
              <input type="radio" name="flavor" value="s" checked={chosen === 's'} /> Omeka S (/s/api)
            </label>
          </fieldset>
        ) : (
          <input type="hidden" name="flavor" value={chosen} />
        )}
        {p.flavors.includes('classic') ? (
          <div class="field" data-flavor="classic">
            <label for="key">API key (Omeka Classic)</label>
            <input
              id="key"
              name="key"
              type="password"
              autocomplete="off"
              spellcheck={false}
              aria-describedby="key-help"
            />
            <p id="key-help" class="help">
              40 hexadecimal digits, as printed by <code>omeka-twin key add</code>.
            </p>
          </div>
        ) : null}
        {p.flavors.includes('s') ? (
          <>
            <div class="field" data-flavor="s">
              <label for="key_identity">Key identity (Omeka S)</label>
              <input id="key_identity" name="key_identity" type="text" autocomplete="off" spellcheck={false} />
            </div>
            <div class="field" data-flavor="s">
              <label for="key_credential">Key credential (Omeka S)</label>
              <input id="key_credential" name="key_credential" type="password" autocomplete="off" spellcheck={false} />
            </div>
          </>
        ) : null}
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  )
}
