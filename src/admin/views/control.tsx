import type { AdminSession } from '../session.js'
import { Csrf, Layout } from './layout.js'

export interface ControlState {
  faults: unknown
  journal: {
    id: number
    time: string
    method: string
    url: string
    status: number
    duration_ms: number
    faults: unknown[]
  }[]
  snapshots: { name: string; created?: string }[]
}

/** The control plane (`--control`): reset, seed, faults, the request journal and snapshots. */
export function ControlPage(p: {
  session: AdminSession
  state: ControlState
  flash?: string | undefined
  error?: string | undefined
}) {
  const s = p.session
  const classic = s.credentials.flavor === 'classic'
  return (
    <Layout title="Control plane" session={s} control flash={p.flash} error={p.error}>
      <p class="warning">
        These forms replace or change data at once. Never use <code>--control</code> on a site you care about.
      </p>
      <section aria-labelledby="reset-h" class="boxed">
        <h2 id="reset-h">Reset to a fixture</h2>
        <form method="post" action="/admin/control/reset" class="stack">
          <Csrf session={s} />
          <div class="field">
            <label for="fixture">Fixture directory (absolute path)</label>
            <input id="fixture" name="fixture" type="text" required />
          </div>
          <button type="submit">Reset</button>
        </form>
      </section>
      <section aria-labelledby="seed-h" class="boxed">
        <h2 id="seed-h">Seed a synthetic site</h2>
        <form method="post" action="/admin/control/seed" class="stack">
          <Csrf session={s} />
          <div class="field">
            <label for="seed-items">Items</label>
            <input id="seed-items" name="items" type="number" min="0" value="100" />
          </div>
          <div class="field">
            <label for="seed-groups">{classic ? 'Collections' : 'Item sets'}</label>
            <input id="seed-groups" name={classic ? 'collections' : 'item_sets'} type="number" min="0" value="3" />
          </div>
          <div class="field">
            <label for="seed-files">Files</label>
            <input id="seed-files" name="files" type="number" min="0" value="10" />
          </div>
          <div class="field">
            <label for="seed-seed">Seed</label>
            <input id="seed-seed" name="seed" type="number" min="0" value="1" />
          </div>
          <button type="submit">Seed</button>
        </form>
      </section>
      <section aria-labelledby="faults-h" class="boxed">
        <h2 id="faults-h">Faults</h2>
        <form method="post" action="/admin/control/faults" class="stack">
          <Csrf session={s} />
          <div class="field">
            <label for="faults">Rules (JSON: a list, or {'{"seed": N, "rules": [...]}'})</label>
            <textarea id="faults" name="faults" rows={8} spellcheck={false}>
              {JSON.stringify(p.state.faults, null, 2)}
            </textarea>
          </div>
          <div class="actions">
            <button type="submit" name="action" value="put">
              Replace the rules
            </button>
            <button type="submit" name="action" value="clear">
              Clear the rules
            </button>
          </div>
        </form>
      </section>
      <section aria-labelledby="snap-h" class="boxed">
        <h2 id="snap-h">Snapshots</h2>
        <form method="post" action="/admin/control/snapshots" class="inline-form">
          <Csrf session={s} />
          <label for="snapshot-name">Name</label>
          <input id="snapshot-name" name="name" type="text" required pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,99}" />
          <button type="submit">Save a snapshot</button>
        </form>
        {p.state.snapshots.length ? (
          <table>
            <caption>Saved snapshots</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Saved</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {p.state.snapshots.map((snap) => (
                <tr>
                  <th scope="row">{snap.name}</th>
                  <td>{snap.created ?? ''}</td>
                  <td>
                    <form
                      method="post"
                      action={`/admin/control/snapshots/${encodeURIComponent(snap.name)}/restore`}
                      class="inline"
                    >
                      <Csrf session={s} />
                      <button type="submit" aria-label={`Restore ${snap.name}`}>
                        Restore
                      </button>
                    </form>{' '}
                    <form
                      method="post"
                      action={`/admin/control/snapshots/${encodeURIComponent(snap.name)}/delete`}
                      class="inline"
                    >
                      <Csrf session={s} />
                      <button type="submit" aria-label={`Delete ${snap.name}`}>
                        Delete
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No snapshots.</p>
        )}
      </section>
      <section aria-labelledby="journal-h" class="boxed">
        <h2 id="journal-h">Request journal</h2>
        <form method="post" action="/admin/control/journal/clear" class="inline">
          <Csrf session={s} />
          <button type="submit">Forget the journal</button>
        </form>
        <table>
          <caption>The latest requests, newest first (keys redacted)</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Method</th>
              <th scope="col">URL</th>
              <th scope="col" class="num">
                Status
              </th>
              <th scope="col" class="num">
                ms
              </th>
              <th scope="col">Faults</th>
            </tr>
          </thead>
          <tbody>
            {p.state.journal.map((e) => (
              <tr>
                <td>{e.time}</td>
                <td>{e.method}</td>
                <td class="url">{e.url}</td>
                <td class="num">{e.status}</td>
                <td class="num">{e.duration_ms}</td>
                <td>{e.faults.length ? JSON.stringify(e.faults) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  )
}
