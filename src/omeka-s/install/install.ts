import { createHash, randomBytes, randomInt } from 'node:crypto'
import { join } from 'node:path'
import { PACKAGE_ROOT } from '../../core/package-root.js'
import { readFixture, type Fixture } from '../fixtures/read.js'
import { userRecord } from './records.js'

/** seed/omeka-s: `install/` is a fresh Omeka S 4.2.0 (vocabularies, Base Resource template, settings), without users. */
export const SEED_DIR = join(PACKAGE_ROOT, 'seed', 'omeka-s')

/** An Omeka S API key pair. */
export interface ApiKey {
  identity: string
  credential: string
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** A key pair like Omeka S makes them (two 32-character alphanumeric strings), from `draw(n)` ∈ [0, n). */
export function makeApiKey(draw: (n: number) => number = randomInt): ApiKey {
  const part = () => Array.from({ length: 32 }, () => ALPHANUMERIC[draw(ALPHANUMERIC.length)]).join('')
  return { identity: part(), credential: part() }
}

/** A fresh install as a fixture (read anew each time: callers add records to it). */
export function installFixture(): Fixture {
  return readFixture(join(SEED_DIR, 'install'))
}

/** Adds the installing global admin (id 1) and a random key to a fixture; returns the key (shown once). */
export function addInstallAdmin(fx: Fixture, created: string): ApiKey {
  fx.records.users.push(
    userRecord({
      id: 1,
      name: 'Admin',
      email: fx.site.administrator_email || 'admin@example.com',
      role: 'global_admin',
      created,
    }),
  )
  const key = makeApiKey()
  fx.keys.push({
    user_id: 1,
    key_identity: key.identity,
    key_credential: key.credential,
    label: 'created at first start',
  })
  return key
}

/** A random storage id (40 hex digits, like Omeka S's). */
export const randomStorageId = (): string => randomBytes(20).toString('hex')

/** sha256 of stored bytes, as `o:sha256`. */
export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')
