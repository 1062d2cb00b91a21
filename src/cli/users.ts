import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import * as z from 'zod'
import { ROLES } from '../classic/acl.js'
import { resolveDataDir } from '../config.js'
import { openDb, type Db } from '../classic/db/client.js'
import {
  deleteKey,
  findUserByLogin,
  insertKey,
  insertUser,
  listKeys,
  userConflict,
} from '../classic/api/users/users.repo.js'

const DB_FILE = 'omeka-twin.sqlite'

const dataOption = z.string().min(1, 'must not be empty')

/** `user add` flags; usernames follow Omeka's rule (letters, digits and . _ @ -, at most 30). */
export const userAddSchema = z.object({
  username: z
    .string()
    .min(1, 'must not be empty')
    .max(30, 'must be 30 characters or fewer')
    .regex(/^[A-Za-z0-9._@-]+$/, 'may contain only letters, digits and . _ @ -'),
  email: z.string().email('must be an email address'),
  role: z.enum(ROLES as [string, ...string[]], { message: `must be one of ${ROLES.join(', ')}` }),
  name: z.string().trim().min(1, 'must not be empty').optional(),
  data: dataOption,
})

export const keyAddSchema = z.object({ user: z.string().min(1, 'must not be empty'), data: dataOption })
export const keyRevokeSchema = z.object({
  key: z
    .string()
    .regex(
      /^([0-9a-f]{40}|sha256:[0-9a-f]{64})$/i,
      'must be a 40-character hex key (or its sha256: form from key list)',
    ),
  data: dataOption,
})

/** Validates flags with `schema`, turning the first problem into a one-line error naming the flag. */
function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const res = schema.safeParse(input)
  if (res.success) return res.data
  const issue = res.error.issues[0]!
  const field = String(issue.path[0] ?? 'option')
  throw new Error(`invalid ${field === 'key' ? 'KEY' : `--${field}`}: ${issue.message}`)
}

/** Opens an initialised data dir without creating one (a fresh dir must first be set up by `serve`). */
function withDataDir<T>(dataDir: string, fn: (db: Db) => T): T {
  const file = join(resolve(dataDir), DB_FILE)
  if (!existsSync(file))
    throw new Error(`no omeka-twin data in ${dataDir} (start \`omeka-twin serve --data ${dataDir}\` once first)`)
  const db = openDb(file)
  try {
    return fn(db)
  } finally {
    db.$client.close()
  }
}

/** `user add`: creates an active user and returns its id. */
export function userAdd(flags: Record<string, unknown>): number {
  const o = parse(userAddSchema, flags)
  return withDataDir(o.data, (db) => {
    const conflict = userConflict(db, o.username, o.email)
    if (conflict) throw new Error(`a user with that ${conflict} already exists`)
    return insertUser(db, {
      username: o.username,
      email: o.email,
      role: o.role as (typeof ROLES)[number],
      name: o.name ?? o.username,
    })
  })
}

/** `key add`: a fresh random 40-hex key for the user given by id or username. */
export function keyAdd(flags: Record<string, unknown>): string {
  const o = parse(keyAddSchema, flags)
  return withDataDir(o.data, (db) => {
    const user = findUserByLogin(db, o.user)
    if (!user) throw new Error(`no user "${o.user}"`)
    const key = randomBytes(20).toString('hex')
    insertKey(db, user.id, key, 'added from the command line')
    return key
  })
}

/** `key list`: one line per key (key as stored: `sha256:…` for hashed keys, user id, username, role), tab-separated. */
export function keyList(flags: Record<string, unknown>): string[] {
  const data = parse(z.object({ data: dataOption }), flags).data
  return withDataDir(data, (db) => listKeys(db).map((k) => [k.key, k.userId, k.username, k.role].join('\t')))
}

/** `key revoke`: removes a key; an unknown key is an error. */
export function keyRevoke(key: unknown, flags: Record<string, unknown>): void {
  const o = parse(keyRevokeSchema, { key, data: flags.data })
  withDataDir(o.data, (db) => {
    if (!deleteKey(db, o.key)) throw new Error('no such key')
  })
}

/** The flags with `data` from --data, else OMEKA_TWIN_DATA, else ./data. */
const withData = (flags: Record<string, unknown>) => ({ ...flags, data: resolveDataDir(flags.data) })

/** Registers `user add` and `key add|list|revoke` on the program. */
export function registerUserCommands(program: Command, print: (line: string) => void = console.log): void {
  const data = ['--data <dir>', 'data directory (default: $OMEKA_TWIN_DATA or ./data)'] as const
  const user = program.command('user').description('manage users')
  user
    .command('add')
    .description('add a user and print its id')
    .requiredOption('--username <name>', 'login name')
    .requiredOption('--email <address>', 'email address')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <name>', 'display name (default: the username)')
    .option(...data)
    .action((flags: Record<string, unknown>) => print(String(userAdd(withData(flags)))))
  const key = program.command('key').description('manage API keys')
  key
    .command('add')
    .description('add a random API key for a user (id or username) and print it')
    .requiredOption('--user <user>', 'user id or username')
    .option(...data)
    .action((flags: Record<string, unknown>) => print(keyAdd(withData(flags))))
  key
    .command('list')
    .description('list API keys: key, user id, username, role')
    .option(...data)
    .action((flags: Record<string, unknown>) => keyList(withData(flags)).forEach((l) => print(l)))
  key
    .command('revoke')
    .description('delete an API key')
    .argument('<key>', 'the key to revoke')
    .option(...data)
    .action((k: string, flags: Record<string, unknown>) => keyRevoke(k, withData(flags)))
}
