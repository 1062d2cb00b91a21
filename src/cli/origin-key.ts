import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import type { OriginKey } from '../core/import/origin.js'

/** The environment variable that carries the origin's key (never only argv: `ps` shows it). */
export const ORIGIN_KEY_ENV = 'OMEKA_TWIN_ORIGIN_KEY'

/**
 * A key as written in a key file or the environment: a Classic key, or an Omeka S key as
 * `identity:credential` (or the two separated by white space). Empty: no key.
 */
export function parseOriginKey(text: string): OriginKey {
  const t = text.trim()
  if (!t) return null
  const parts = t.split(/[\s:]+/).filter(Boolean)
  return parts.length === 2 ? { identity: parts[0]!, credential: parts[1]! } : { key: t }
}

/**
 * The origin key of an import command, first found of: `--key-file FILE`, the argv flags (`--key`,
 * `--key-identity` + `--key-credential`), `$OMEKA_TWIN_ORIGIN_KEY`. Null when none is given.
 */
export function originKeyFromFlags(flags: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): OriginKey {
  if (typeof flags.keyFile === 'string') {
    const key = parseOriginKey(readFileSync(flags.keyFile, 'utf8'))
    if (!key) throw new Error(`--key-file ${flags.keyFile}: the file is empty`)
    return key
  }
  if (typeof flags.keyIdentity === 'string' && typeof flags.keyCredential === 'string')
    return { identity: flags.keyIdentity, credential: flags.keyCredential }
  if (typeof flags.key === 'string' && flags.key !== '') return parseOriginKey(flags.key)
  return parseOriginKey(env[ORIGIN_KEY_ENV] ?? '')
}

/** Asks for the key on a terminal without echoing it; null when stdin is not a terminal or nothing is typed. */
export async function promptOriginKey(question: string): Promise<OriginKey> {
  if (!process.stdin.isTTY) return null
  process.stderr.write(question)
  const muted = new Writable({ write: (_chunk, _enc, cb) => cb() })
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true })
  const answer = await new Promise<string>((resolve) => rl.question('', resolve))
  rl.close()
  process.stderr.write('\n')
  return parseOriginKey(answer)
}
