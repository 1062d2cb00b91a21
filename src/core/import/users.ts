import { contentHash } from './content-hash.js'

/**
 * What to rewrite of a local user the import matched to an origin user (by e-mail), or null for
 * nothing. Mirror makes the user equal to the origin: every field that differs, `mirrorOnly` ones
 * (such as the creation date) included. Merge brings the origin's changes: when the origin's user
 * changed since the import last saw it (`lastHash`), the fields that differ, but not `mirrorOnly` ones.
 * `hash` is what to remember as the new `lastHash`.
 */
export function userRewrite<T extends Record<string, unknown>>(
  mode: 'merge' | 'mirror',
  origin: T,
  local: T,
  mirrorOnly: readonly (keyof T)[],
  lastHash: string | null,
): { patch: Partial<T> | null; hash: string } {
  const hash = contentHash(origin)
  if (mode === 'merge' && lastHash === hash) return { patch: null, hash }
  const fields = (Object.keys(origin) as (keyof T)[]).filter((k) => mode === 'mirror' || !mirrorOnly.includes(k))
  const patch = Object.fromEntries(
    fields.filter((k) => origin[k] !== local[k]).map((k) => [k, origin[k]]),
  ) as Partial<T>
  return { patch: Object.keys(patch).length ? patch : null, hash }
}
