import { scryptSync, timingSafeEqual, randomBytes } from 'node:crypto'
import { prepared, type Db } from './db/client.js'
import type { Role, User } from './acl.js'
import { scalarParam, type PhpArray } from '../core/http/php-query.js'

// API keys are random 32-character strings: a light scrypt cost is plenty and keeps requests fast.
const SCRYPT = { N: 1024 }

/** Hashes an API key credential for storage ("salt:hash"); the credential itself is never stored. */
export function hashCredential(credential: string): string {
  const salt = randomBytes(16)
  return `${salt.toString('hex')}:${scryptSync(credential, salt, 32, SCRYPT).toString('hex')}`
}

function verify(credential: string, stored: string): boolean {
  const [salt, hash] = stored.split(':')
  if (!salt || !hash) return false
  const expected = Buffer.from(hash, 'hex')
  return timingSafeEqual(scryptSync(credential, Buffer.from(salt, 'hex'), expected.length, SCRYPT), expected)
}

// Verified against when the identity is unknown, so that an unknown and a known identity cost the same scrypt.
// Only its shape matters (a 16-byte salt, a 32-byte hash): a constant, not a scrypt at module load.
const DUMMY_HASH = `${'00'.repeat(16)}:${'00'.repeat(32)}`

/**
 * `key_identity` + `key_credential` from the query (KeyAdapter). Any failure — a missing half, an
 * unknown identity, an inactive owner, a wrong credential — is silent: the request runs as anonymous.
 * One scrypt whatever the identity: answering faster for an unknown one would tell which identities exist.
 */
export function authenticate(db: Db, query: PhpArray): User | null {
  const identity = scalarParam(query, 'key_identity')
  const credential = scalarParam(query, 'key_credential')
  if (identity === undefined || credential === undefined) return null
  const row = prepared<{ hash: string; id: number; role: Role; active: number }>(
    db,
    'SELECT k.credential_hash AS hash, u.id, u.role, u.is_active AS active FROM api_key k JOIN user u ON u.id = k.owner_id WHERE k.id = ?',
  ).get(identity)
  const valid = verify(credential, row?.hash ?? DUMMY_HASH)
  if (!row || !valid || row.active !== 1) return null
  return { id: row.id, role: row.role }
}

const byRequest = new WeakMap<Request, User | null>()

/** authenticate(), once per request: the imports gate and the API router ask for the same request. */
export function authenticateRequest(db: Db, request: Request, query: PhpArray): User | null {
  if (byRequest.has(request)) return byRequest.get(request)!
  const user = authenticate(db, query)
  byRequest.set(request, user)
  return user
}
