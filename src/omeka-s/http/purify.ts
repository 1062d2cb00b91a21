import { createRequire } from 'node:module'
import type sanitize from 'sanitize-html'

// Loaded on the first HTML to clean (only writes of HTML media and page blocks need it): sanitize-html and its
// parsers (htmlparser2, postcss, entities) were a third of the Omeka S code a server compiled at start-up.
let sanitizeHtml: typeof sanitize | undefined
const load = () => (sanitizeHtml ??= createRequire(import.meta.url)('sanitize-html') as typeof sanitize)

/**
 * HTML cleaned the way Omeka S's HtmlPurifier service does it: HTMLPurifier_Config::createDefault() (XHTML 1.0
 * Transitional, HTML.Trusted off) plus `Attr.AllowedFrameTargets = ['_blank']`. The cleaning is done by
 * sanitize-html (a maintained parser-based sanitizer), configured below with HTMLPurifier's default whitelist.
 */
export function purifyHtml(html: string): string {
  return load()(html, PURIFIER_DEFAULTS)
}

// HTMLPurifier's HTML modules for XHTML 1.0 Transitional without the Trusted ones (no forms, scripts,
// objects, iframes, head elements): text, hypertext, lists, presentation, edit, bdo, tables, image, legacy.
const ELEMENTS = [
  'a',
  'abbr',
  'acronym',
  'address',
  'b',
  'basefont',
  'bdo',
  'big',
  'blockquote',
  'br',
  'caption',
  'center',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'dfn',
  'dir',
  'div',
  'dl',
  'dt',
  'em',
  'font',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'menu',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'tt',
  'u',
  'ul',
  'var',
]

// Attr.EnableID is off by default, so no `id` (nor `name`); `style` is kept through the CSS whitelist below.
const COMMON = ['class', 'title', 'lang', 'xml:lang', 'dir', 'style']
const ALIGN = ['align']
const CELL = [
  'abbr',
  'align',
  'axis',
  'bgcolor',
  'char',
  'charoff',
  'colspan',
  'headers',
  'height',
  'nowrap',
  'rowspan',
  'scope',
  'valign',
  'width',
]

const ATTRIBUTES: Record<string, string[]> = {
  '*': COMMON,
  a: ['href', 'target', 'rel', 'rev', 'charset', 'hreflang', 'type'],
  img: ['src', 'alt', 'height', 'width', 'longdesc', 'border', 'hspace', 'vspace', 'align'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite', 'datetime'],
  ins: ['cite', 'datetime'],
  br: ['clear'],
  hr: ['align', 'noshade', 'size', 'width'],
  ol: ['start', 'type', 'compact'],
  ul: ['type', 'compact'],
  li: ['value', 'type'],
  dl: ['compact'],
  font: ['color', 'face', 'size'],
  basefont: ['color', 'face', 'size'],
  pre: ['width'],
  table: ['border', 'cellpadding', 'cellspacing', 'summary', 'width', 'align', 'bgcolor', 'frame', 'rules'],
  caption: ALIGN,
  col: ['align', 'char', 'charoff', 'span', 'valign', 'width'],
  colgroup: ['align', 'char', 'charoff', 'span', 'valign', 'width'],
  tbody: ['align', 'char', 'charoff', 'valign'],
  thead: ['align', 'char', 'charoff', 'valign'],
  tfoot: ['align', 'char', 'charoff', 'valign'],
  tr: ['align', 'bgcolor', 'char', 'charoff', 'valign'],
  td: CELL,
  th: CELL,
  p: ALIGN,
  div: ALIGN,
  h1: ALIGN,
  h2: ALIGN,
  h3: ALIGN,
  h4: ALIGN,
  h5: ALIGN,
  h6: ALIGN,
}

// A CSS value without anything that loads or runs: no url(), expression(), escapes, comments or `@`.
const SAFE_VALUE = /^(?!.*(?:url\s*\(|expression\s*\(|javascript:|\\|\/\*|@|behavior|-moz-binding))[-#%.,()\w\s'"!/]*$/i
// HTMLPurifier's CSS definition (HTMLPurifier_CSSDefinition), without its Trusted and Proprietary parts.
const CSS_PROPERTIES = [
  'background-color',
  'border',
  'border-bottom',
  'border-bottom-color',
  'border-bottom-style',
  'border-bottom-width',
  'border-collapse',
  'border-color',
  'border-left',
  'border-left-color',
  'border-left-style',
  'border-left-width',
  'border-right',
  'border-right-color',
  'border-right-style',
  'border-right-width',
  'border-spacing',
  'border-style',
  'border-top',
  'border-top-color',
  'border-top-style',
  'border-top-width',
  'border-width',
  'caption-side',
  'clear',
  'color',
  'float',
  'font',
  'font-family',
  'font-size',
  'font-style',
  'font-variant',
  'font-weight',
  'height',
  'letter-spacing',
  'line-height',
  'list-style',
  'list-style-position',
  'list-style-type',
  'margin',
  'margin-bottom',
  'margin-left',
  'margin-right',
  'margin-top',
  'max-height',
  'max-width',
  'min-height',
  'min-width',
  'padding',
  'padding-bottom',
  'padding-left',
  'padding-right',
  'padding-top',
  'table-layout',
  'text-align',
  'text-decoration',
  'text-indent',
  'text-transform',
  'vertical-align',
  'white-space',
  'width',
  'word-spacing',
]

/** The configuration, exported for the XSS-corpus tests. */
export const PURIFIER_DEFAULTS: sanitize.IOptions = {
  allowedTags: ELEMENTS,
  allowedAttributes: ATTRIBUTES,
  // URI.AllowedSchemes' default; relative URIs stay allowed.
  allowedSchemes: ['http', 'https', 'mailto', 'ftp', 'nntp', 'news', 'tel'],
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'longdesc'],
  allowProtocolRelative: true,
  allowedStyles: { '*': Object.fromEntries(CSS_PROPERTIES.map((p) => [p, [SAFE_VALUE]])) },
  // Core.HiddenElements: the content of script and style goes with them; other refused tags keep their text.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'title',
    'xmp',
    'iframe',
    'noembed',
    'noframes',
    'template',
  ],
  disallowedTagsMode: 'discard',
  selfClosing: ['br', 'hr', 'img', 'col', 'basefont'],
  transformTags: {
    // Attr.AllowedFrameTargets = ['_blank'] (Omeka S), with HTML.TargetNoreferrer/TargetNoopener; Attr.AllowedRel is empty.
    a: (tagName, attribs) => {
      const { target, rel: _rel, rev: _rev, ...rest } = attribs
      return { tagName, attribs: target === '_blank' ? { ...rest, target, rel: 'noreferrer noopener' } : rest }
    },
    // AttrTransform_ImgRequired: alt defaults to the file name of src.
    img: (tagName, attribs) => ({
      tagName,
      attribs:
        attribs.alt === undefined && attribs.src
          ? {
              ...attribs,
              alt:
                attribs.src
                  .split(/[/?#]/)
                  .filter((p) => p !== '')
                  .pop() ?? '',
            }
          : attribs,
    }),
  },
  // An image without a (safe) source is removed, as HTMLPurifier removes an img without src.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
}
