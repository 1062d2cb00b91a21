import type { OriginReport } from '../origin-probe.js'
import type { AdminSession, PendingImport } from '../session.js'
import { Csrf, Layout } from './layout.js'

interface Common {
  session: AdminSession
  control: boolean
  error?: string | undefined
}

/** Step 1: where to import from, and the origin's key (optional: without one only public records come). */
export function WizardOrigin(p: Common & { values?: Partial<PendingImport> | undefined }) {
  const target = p.session.credentials.flavor
  const from = p.values?.fromFlavor ?? (target === 'classic' ? 'classic' : 's')
  return (
    <Layout title="New import: origin" session={p.session} control={p.control} error={p.error}>
      <ol class="steps" aria-label="Import steps">
        <li aria-current="step">Origin</li>
        <li>Pre-flight and options</li>
        <li>Progress</li>
      </ol>
      <form method="post" action="/admin/imports/preflight" class="stack" autocomplete="off">
        <Csrf session={p.session} />
        <div class="field">
          <label for="endpoint">Origin URL</label>
          <input
            id="endpoint"
            name="endpoint"
            type="url"
            required
            value={p.values?.endpoint ?? ''}
            placeholder="https://omeka.example.org/api"
            aria-describedby="endpoint-help"
          />
          <p id="endpoint-help" class="help">
            The origin's API URL (or its site URL: /api is tried).
          </p>
        </div>
        {target === 's' ? (
          <fieldset>
            <legend>Origin flavour</legend>
            <label>
              <input type="radio" name="from_flavor" value="s" checked={from === 's'} /> Omeka S
            </label>
            <label>
              <input type="radio" name="from_flavor" value="classic" checked={from === 'classic'} /> Omeka Classic
            </label>
          </fieldset>
        ) : (
          <input type="hidden" name="from_flavor" value="classic" />
        )}
        <div class="field">
          <label for="origin_key">Origin API key (Omeka Classic, optional)</label>
          <input id="origin_key" name="key" type="password" autocomplete="off" aria-describedby="origin-key-help" />
          <p id="origin-key-help" class="help">
            A super user's key brings private records and owners; it is kept only for this sign-in, never stored.
          </p>
        </div>
        {target === 's' ? (
          <>
            <div class="field">
              <label for="origin_identity">Origin key identity (Omeka S, optional)</label>
              <input id="origin_identity" name="key_identity" type="text" autocomplete="off" />
            </div>
            <div class="field">
              <label for="origin_credential">Origin key credential (Omeka S, optional)</label>
              <input id="origin_credential" name="key_credential" type="password" autocomplete="off" />
            </div>
          </>
        ) : null}
        <button type="submit">Check the origin</button>
      </form>
    </Layout>
  )
}

/** Step 2: what the origin holds, then the run's options. */
export function WizardOptions(p: Common & { report: OriginReport }) {
  const r = p.report
  const target = p.session.credentials.flavor
  return (
    <Layout title="New import: pre-flight and options" session={p.session} control={p.control} error={p.error}>
      <ol class="steps" aria-label="Import steps">
        <li>Origin</li>
        <li aria-current="step">Pre-flight and options</li>
        <li>Progress</li>
      </ol>
      <section aria-labelledby="preflight-h">
        <h2 id="preflight-h">Pre-flight</h2>
        <dl class="facts">
          <dt>Origin</dt>
          <dd>{r.endpoint}</dd>
          <dt>Flavour</dt>
          <dd id="origin-flavor">{r.flavor === 'classic' ? 'Omeka Classic' : 'Omeka S'}</dd>
          <dt>Version</dt>
          <dd id="origin-version">{r.version ?? 'unknown'}</dd>
          {r.title ? (
            <>
              <dt>Title</dt>
              <dd>{r.title}</dd>
            </>
          ) : null}
          <dt>Key</dt>
          <dd>{r.authenticated ? 'given: private records included' : 'none: public records only'}</dd>
          <dt>{r.flavor === 'classic' ? 'Plugin data' : 'Modules'}</dt>
          <dd id="origin-plugins">{r.plugins.length ? r.plugins.join(', ') : 'none'}</dd>
        </dl>
        <table>
          <caption>Records at the origin</caption>
          <thead>
            <tr>
              <th scope="col">Resource</th>
              <th scope="col" class="num">
                Records
              </th>
            </tr>
          </thead>
          <tbody>
            {r.counts.map((c) => (
              <tr>
                <th scope="row">{c.resource}</th>
                <td class="num">{c.total ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <form method="post" action="/admin/imports" class="stack">
        <Csrf session={p.session} />
        <h2>Options</h2>
        <fieldset>
          <legend>Mode</legend>
          <label>
            <input type="radio" name="mode" value="merge" checked /> Merge: add and update, keep what is here
          </label>
          <label>
            <input type="radio" name="mode" value="mirror" /> Mirror: also delete here what the origin deleted
          </label>
        </fieldset>
        <fieldset>
          <legend>What to bring</legend>
          <label>
            <input type="checkbox" name="import_users" value="1" checked /> Import users (as record owners)
          </label>
          {target === 'classic' ? (
            <label>
              <input type="checkbox" name="override_element_sets" value="1" /> Override element sets (the origin's names
              and descriptions win)
            </label>
          ) : null}
          <label>
            <input type="checkbox" name="full" value="1" /> Full: re-read everything, not only what changed
          </label>
          <label>
            <input type="checkbox" name="dry_run" value="1" /> Dry run: report what would change, write nothing
          </label>
        </fieldset>
        {target === 's' && r.flavor === 'classic' ? (
          <div class="field">
            <label for="tags_property">Property for Classic tags</label>
            <input id="tags_property" name="tags_property" type="text" value="dcterms:subject" />
          </div>
        ) : null}
        <div class="actions">
          <button type="submit">Start the import</button>
          <a href="/admin/imports/new">Back</a>
        </div>
      </form>
    </Layout>
  )
}
