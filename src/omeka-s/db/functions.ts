import type Database from 'better-sqlite3'
import { ftCount } from '../api/resources/fulltext-tokens.js'

// Omeka S's tables use MariaDB's utf8mb4_unicode_ci (UCA 4.0.0): case and accents do not count, trailing
// spaces do not count (PAD SPACE), and characters order as space < punctuation < symbols < digits <
// letters, not by code point (`author@example.com` sorts before `author2@example.com`). better-sqlite3 has
// no custom collations, so `s_collate(x)` returns a key whose binary order and equality are that
// collation's; hand-written because no library gives UCA sort keys to SQLite.
const ASCII_ORDER = '\t\n\v\f\r _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz'
const WEIGHT = new Map([...ASCII_ORDER].map((ch, i) => [ch, String.fromCodePoint(0x20 + i)]))
const EXPANSIONS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  þ: 'th',
  ð: 'd',
  ı: 'i',
}

/** The utf8mb4_unicode_ci comparison key of a string (equal keys: equal strings for MariaDB). */
export function collateKey(s: string): string {
  const folded = s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ +$/, '')
  let key = ''
  for (const ch of folded) {
    const exp = EXPANSIONS[ch]
    if (exp !== undefined) {
      for (const e of exp) key += WEIGHT.get(e)!
      continue
    }
    const w = WEIGHT.get(ch)
    if (w !== undefined) key += w
    else {
      const cp = ch.codePointAt(0)!
      // Control characters are ignorable; everything else sorts after the ASCII letters, by code point.
      if (cp < 0x20 || cp === 0x7f) continue
      const shifted = Math.min(cp + 0x100, 0x10ffff)
      key += String.fromCodePoint(shifted >= 0xd800 && shifted <= 0xdfff ? 0xe000 : shifted)
    }
  }
  return key
}

/** Registers the S flavour's SQL functions on a connection. */
export function registerFunctions(sqlite: Database.Database): void {
  sqlite.function('s_ft_count', { deterministic: true }, (text: unknown, word: unknown) => ftCount(text, word))
  sqlite.function('s_collate', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? collateKey(s) : s))
}
