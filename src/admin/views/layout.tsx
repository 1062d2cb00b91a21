import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { AdminSession } from '../session.js'

export interface PageProps {
  title: string
  session?: AdminSession | undefined
  /** A one-time status message, announced to screen readers. */
  flash?: string | undefined
  /** An error of the last action, announced assertively. */
  error?: string | undefined
  control?: boolean
  children?: Child
}

/** The page frame: skip link, navigation, one <main>, and the only stylesheet and script (served locally). */
export function Layout(p: PageProps) {
  const who = p.session ? (p.session.credentials.flavor === 'classic' ? 'Omeka Classic' : 'Omeka S') : null
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${p.title} · omeka-twin admin`}</title>
          <link rel="stylesheet" href="/admin/assets/admin.css" />
          <script src="/admin/assets/admin.js" defer></script>
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="top">
            <p class="brand">
              <a href="/admin">omeka-twin admin</a>
              {who ? <span class="flavor"> · {who}</span> : null}
            </p>
            {p.session ? (
              <nav aria-label="Main">
                <ul>
                  <li>
                    <a href="/admin">Imports</a>
                  </li>
                  <li>
                    <a href="/admin/imports/new">New import</a>
                  </li>
                  <li>
                    <a href="/admin/browse">Browse</a>
                  </li>
                  {p.control ? (
                    <li>
                      <a href="/admin/control">Control plane</a>
                    </li>
                  ) : null}
                  <li>
                    <a href="/__openapi">API reference</a>
                  </li>
                  <li>
                    <form method="post" action="/admin/logout" class="inline">
                      <input type="hidden" name="_csrf" value={p.session.csrf} />
                      <button type="submit" class="link">
                        Sign out
                      </button>
                    </form>
                  </li>
                </ul>
              </nav>
            ) : null}
          </header>
          <main id="main" tabindex={-1}>
            <h1>{p.title}</h1>
            {p.flash ? (
              <p class="flash" role="status">
                {p.flash}
              </p>
            ) : null}
            {p.error ? (
              <p class="error" role="alert">
                {p.error}
              </p>
            ) : null}
            {p.children}
          </main>
        </body>
      </html>
    </>
  )
}

/** The hidden CSRF field every form carries. */
export const Csrf = (p: { session: AdminSession }) => <input type="hidden" name="_csrf" value={p.session.csrf} />
