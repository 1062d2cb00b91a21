/**
 * A small stand-in for HTMLPurifier's default configuration, enough for the html ingester: drops
 * script-like elements with their content, event-handler and style attributes, and links or sources
 * using a scripting or data scheme. Everything else is kept as written.
 */
export function purifyHtml(html: string): string {
  return html
    .replace(/<(script|style|iframe|object|embed|applet|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<\/?(script|style|iframe|object|embed|applet|noscript|template|meta|link|base|form|input|button|textarea|select)\b[^>]*>/gi, '')
    .replace(/<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/g, (_m, tag: string, attrs: string, close: string) => {
      const kept = [...attrs.matchAll(/\s+([^\s=>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)].filter(([, name, value]) => {
        const n = name!.toLowerCase()
        if (n.startsWith('on') || n === 'style') return false
        const v = (value ?? '').replace(/^["']|["']$/g, '').trim().toLowerCase()
        return !((n === 'href' || n === 'src' || n === 'action') && /^(javascript|vbscript|data):/.test(v))
      })
      return `<${tag}${kept.map((k) => k[0]).join('')}${close ? ' /' : ''}>`
    })
}
