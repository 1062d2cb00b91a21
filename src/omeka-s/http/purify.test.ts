import { readFileSync } from 'node:fs'
import { Parser } from 'htmlparser2'
import { describe, expect, it } from 'vitest'
import { purifyHtml } from './purify.js'

const VECTORS = readFileSync(new URL('../../../test/fixtures/xss-vectors.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l !== '' && !l.startsWith('#'))
  .map((l) => l.replaceAll('{NL}', '\n').replaceAll('{TAB}', '\t').replaceAll('{NUL}', '\0'))

// HTMLPurifier's default (XHTML 1.0 Transitional, untrusted) elements: nothing that runs, loads or submits.
const ALLOWED = new Set(
  'a abbr acronym address b basefont bdo big blockquote br caption center cite code col colgroup dd del dfn dir div dl dt em font h1 h2 h3 h4 h5 h6 hr i img ins kbd li menu ol p pre q s samp small span strike strong sub sup table tbody td tfoot th thead tr tt u ul var'.split(
    ' ',
  ),
)
const URI_ATTRIBUTES = new Set([
  'href',
  'src',
  'cite',
  'longdesc',
  'background',
  'dynsrc',
  'lowsrc',
  'action',
  'formaction',
  'data',
  'xlink:href',
])
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'ftp', 'nntp', 'news', 'tel'])

/** Every way the sanitized HTML could still run script, as browsers would read it (empty: inert). */
function liveParts(html: string): string[] {
  const found: string[] = []
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (!ALLOWED.has(name)) found.push(`element <${name}>`)
        for (const [attr, value] of Object.entries(attribs)) {
          if (attr.startsWith('on')) found.push(`handler ${attr}`)
          if (URI_ATTRIBUTES.has(attr)) {
            // Browsers drop tabs, newlines and leading controls/space from a URL before reading its scheme.
            const url = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '')
            const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase()
            if (scheme !== undefined && !SAFE_SCHEMES.has(scheme)) found.push(`${attr}=${value}`)
          }
          if (attr === 'style' && /url\s*\(|expression|\\|javascript|behavior|binding|@import/i.test(value))
            found.push(`style=${value}`)
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  )
  parser.write(html)
  parser.end()
  return found
}

describe('purifyHtml (HTMLPurifier defaults as Omeka S configures them)', () => {
  it.each(VECTORS.map((v) => [v]))('leaves nothing live of %s', (vector) => {
    const out = purifyHtml(vector)
    expect(liveParts(out)).toEqual([])
  })

  it('finds the live parts in the vectors themselves (the check above can fail)', () => {
    const live = VECTORS.filter((v) => liveParts(v).length > 0)
    expect(live.length).toBeGreaterThan(VECTORS.length * 0.8)
  })

  it('neutralises the bypasses of the regex sanitizer it replaces', () => {
    expect(purifyHtml('<svg/onload=alert(1)>')).toBe('')
    expect(purifyHtml('<a href="&#106;avascript:alert(1)">x</a>')).toBe('<a>x</a>')
    expect(purifyHtml('<p title="x" "onmouseover=alert(1)//">q</p>')).toBe('<p title="x">q</p>')
    expect(purifyHtml(`<p title='x"><script>alert(1)</script>'>q</p>`)).toBe(
      '<p title="x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">q</p>',
    )
  })

  it('keeps ordinary markup as HTMLPurifier does (recorded from Omeka S 4.2.0 where recorded)', () => {
    expect(purifyHtml('<h2>Transcription</h2><p>Dear Mary, <script>alert(1)</script>the harbour is calm.</p>')).toBe(
      '<h2>Transcription</h2><p>Dear Mary, the harbour is calm.</p>',
    )
    expect(purifyHtml('<p>Caption: <strong>Market</strong> day in <em>Bath</em>.</p>')).toBe(
      '<p>Caption: <strong>Market</strong> day in <em>Bath</em>.</p>',
    )
    expect(purifyHtml('<p onclick="x()">Notes <a href="javascript:alert(1)">link</a></p>')).toBe(
      '<p>Notes <a>link</a></p>',
    )
    expect(purifyHtml('<a href="https://example.org/" target="_blank">e</a><br><img src="/files/pic.png">')).toBe(
      '<a href="https://example.org/" target="_blank" rel="noreferrer noopener">e</a><br /><img src="/files/pic.png" alt="pic.png" />',
    )
    expect(purifyHtml('<table><tr><td colspan="2" style="text-align: center">c</td></tr></table>')).toContain(
      '<td colspan="2" style="text-align:center">c</td>',
    )
    expect(purifyHtml('<div id="x" class="c">d</div>')).toBe('<div class="c">d</div>')
  })
})
