import type { Urls } from './urls.js'

// laminas-escaper's escapeHtmlAttr: everything but [a-zA-Z0-9,._-] as &#xHH; (or a named entity).
const escapeAttr = (s: string) =>
  s.replace(/[^a-zA-Z0-9,._-]/g, (ch) => `&#x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')};`)

const DOCS = 'https://omeka.org/s/docs/developer/api/rest_api/'

/** `GET /api`: Omeka S's HTML root page listing the API resources (not JSON). */
export function apiRootHtml(urls: Urls, names: readonly string[]): string {
  const links = [...names]
    .sort()
    .map((n) => `        <li><a href="${escapeAttr(`${urls.api(n)}?pretty_print=1`)}">${n}</a></li>\n`)
    .join('')
  return `<h1>Omeka S REST API</h1>\n<p>This is the REST API root endpoint for this Omeka S installation. Below is a list of available API resources and links to their endpoints. Some resources and features require authentication.</p>\n<ul>\n${links}    </ul>\n<p><a target="_blank" href="${escapeAttr(DOCS)}">Omeka S REST API documentation</a></p>\n`
}
