/**
 * Zend_Db_Statement's parameter parsing, which every query of Omeka Classic goes through (Zend Framework 1.12
 * as Omeka 3.2.1 bundles it, application/libraries/Zend/Db/Statement.php: _parseParameters, _stripQuoted).
 * The statement strips quoted values out of the finished SQL, then takes every `?` and `:name` left as a bind
 * variable; Omeka's Mysqli adapter supports no named ones, so a `:name` left over throws
 * `Invalid bind-variable name ':name'`. Values are quoted by mysqli's real_escape_string, which writes a
 * backslash before `\`, `'`, `"`, NUL, LF, CR and Ctrl-Z, but the strip pattern only knows the `\'` escape:
 * a value holding any of the others cannot be stripped, its closing quote pairs with the next value's
 * opening one, and from there on the values' contents are left in the SQL and the text between them is
 * stripped. A later value with a colon before a letter, digit or `_` (a date `'2026-11-22 06:53:31'`) then
 * fails the request. Hand-written scanners: they match exactly what PHP's patterns match, without the
 * patterns' exponential backtracking (PCRE gives up on very long values, and then nothing is parsed: a
 * limit not reproduced here).
 */

/** Zend_Db_Adapter_Mysqli::quote of a string: real_escape_string between single quotes. */
export function mysqliQuote(value: string): string {
  const escaped = value.replace(/[\\'"\0\n\r\x1a]/g, (c) => {
    switch (c) {
      case '\0':
        return '\\0'
      case '\n':
        return '\\n'
      case '\r':
        return '\\r'
      case '\x1a':
        return '\\Z'
      default:
        return `\\${c}`
    }
  })
  return `'${escaped}'`
}

/** Removes every leftmost match found by `end(s, i)` (the index just past a match starting at i, or -1). */
function stripMatches(s: string, open: string, end: (s: string, i: number) => number): string {
  let out = ''
  let from = 0
  let i = s.indexOf(open)
  while (i !== -1) {
    const stop = end(s, i)
    if (stop === -1) {
      i = s.indexOf(open, i + 1)
      continue
    }
    out += s.slice(from, i)
    from = stop
    i = s.indexOf(open, stop)
  }
  return out + s.slice(from)
}

// /'([^'\\]*|(\\')*)*'/s: characters other than ' and \, or \' pairs, up to a quote; a lone \ fails.
function singleQuotedEnd(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === "'") return j + 1
    if (s[j] === '\\') {
      if (s[j + 1] !== "'") return -1
      j++
    }
  }
  return -1
}

// /"(\\"|[^"])*"/Us: lazily up to the first " that does not end a \" taken whole; without one, backtracking
// ends the match at the last \" it took.
function doubleQuotedEnd(s: string, i: number): number {
  let lastTaken = -1
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '"') return j + 1
    if (s[j] === '\\' && s[j + 1] === '"') {
      lastTaken = j + 2
      j++
    }
  }
  return lastTaken
}

// /`(``|\\{2}|[^`])*`/Us: lazily, so the first backtick after the opening one closes it.
function backtickEnd(s: string, i: number): number {
  const j = s.indexOf('`', i + 1)
  return j === -1 ? -1 : j + 1
}

/** Zend_Db_Statement::_stripQuoted for the Mysqli adapter (quote `'`, escaped quote `\'`, identifier quote `` ` ``). */
export function stripQuoted(sql: string): string {
  return stripMatches(stripMatches(stripMatches(sql, "'", singleQuotedEnd), '"', doubleQuotedEnd), '`', backtickEnd)
}

/** The `:name` Zend_Db_Statement would take for a named bind variable in this SQL (Mysqli refuses it), or undefined. */
export function unboundName(sql: string): string | undefined {
  return /:[a-zA-Z0-9_]+/.exec(stripQuoted(sql))?.[0]
}
