/**
 * MySQL/MariaDB comparison semantics under `utf8mb4_unicode_ci`, the collation Omeka Classic's tables use.
 * Hand-written because no library gives MySQL's exact rules in SQLite: UCA level-1 comparison (case, accents
 * and compatibility forms like `ﬁ`/`ſ` ignored), PAD SPACE for `=` and ORDER BY, LIKE's `%`/`_` with `\` as
 * escape, and MariaDB's PCRE `REGEXP`, which is case-insensitive under a `_ci` collation.
 */

// Letters UCA treats as (expansions of) base letters that Unicode decomposition leaves alone.
const EXPANSIONS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
}
const EXPANDABLE = new RegExp(`[${Object.keys(EXPANSIONS).join('')}]`, 'g')

/** Level-1 fold: two strings are equal under utf8mb4_unicode_ci (ignoring PAD SPACE) when their folds are. */
export function ciFold(s: string): string {
  const lower = s.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '')
  return lower.replace(EXPANDABLE, (c) => EXPANSIONS[c]!)
}

// DUCET's order of the ASCII "variable" characters, all of which sort before digits and letters
// (so "<p>1</p>" sorts before "<p>10</p>": `<` is below `0` in UCA, above it in ASCII).
const VARIABLE_ORDER = '\t\n\u000b\u000c\r _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$'
const VARIABLE_RANK = new Map([...VARIABLE_ORDER].map((c, i) => [c, String.fromCharCode(1 + i)]))
const OTHER_VARIABLE = String.fromCharCode(1 + VARIABLE_ORDER.length)

/**
 * A key whose binary order is utf8mb4_unicode_ci's order (and whose equality is its `=`): trailing spaces
 * dropped (PAD SPACE), folded, punctuation and symbols moved below digits in DUCET's order.
 */
export function ciSortKey(s: string): string {
  let out = ''
  for (const c of ciFold(s.replace(/ +$/, ''))) {
    const rank = VARIABLE_RANK.get(c)
    if (rank) out += rank
    else if (c > '\u007f' && /[\p{P}\p{S}\p{Z}]/u.test(c)) out += OTHER_VARIABLE
    else out += c
  }
  return out
}

const patternCache = new Map<string, RegExp>()
function cached(key: string, build: () => RegExp): RegExp {
  let re = patternCache.get(key)
  if (!re) {
    if (patternCache.size > 500) patternCache.clear()
    re = build()
    patternCache.set(key, re)
  }
  return re
}

/** `text LIKE pattern` under utf8mb4_unicode_ci: `%` any run, `_` one character, `\` escapes; no PAD SPACE. */
export function ciLike(text: string, pattern: string): boolean {
  const re = cached(`L${pattern}`, () => {
    let src = ''
    const chars = [...ciFold(pattern)]
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!
      if (c === '\\' && i + 1 < chars.length) src += escapeRegex(chars[++i]!)
      else if (c === '%') src += '.*'
      else if (c === '_') src += '.'
      else src += escapeRegex(c)
    }
    return new RegExp(`^${src}$`, 'su')
  })
  return re.test(ciFold(text))
}

/** Escapes a string for a LIKE pattern so that it matches itself only. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/** Thrown for a pattern MariaDB's PCRE would refuse; carries MariaDB's error text. */
export class RegexpError extends Error {}

// POSIX classes inside brackets, as PCRE reads them (ASCII only, no UCP).
const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\t\\n\\v\\f\\r ',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: 'A-Za-z0-9_',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
}

/** MariaDB's PCRE pattern as a JavaScript RegExp (case-insensitive under the `_ci` collation). */
export function pcreToRegExp(pattern: string): RegExp {
  return cached(`R${pattern}`, () => {
    let src = pattern
    let flags = 'i'
    // Leading inline options (`(?i)`, `(?s)`, `(?m)`, `(?x)` is not supported by JS and left to fail).
    const inline = /^\(\?([imsU-]+)\)/.exec(src)
    if (inline) {
      src = src.slice(inline[0].length)
      if (inline[1]!.includes('s')) flags += 's'
      if (inline[1]!.includes('m')) flags += 'm'
    }
    src = src.replace(/\[:(\^?)([a-z]+):\]/g, (m, neg: string, name: string) => {
      const cls = POSIX_CLASSES[name]
      if (!cls) throw new RegexpError(`unknown POSIX class name`)
      return neg ? m : cls
    })
    try {
      return new RegExp(src, `${flags}u`)
    } catch {
      try {
        return new RegExp(src, flags)
      } catch (e) {
        throw new RegexpError((e as Error).message)
      }
    }
  })
}

/** `text REGEXP pattern` under a `_ci` collation (MariaDB: PCRE, case-insensitive, unanchored). */
export function ciRegexp(text: string, pattern: string): boolean {
  return pcreToRegExp(pattern).test(text)
}
