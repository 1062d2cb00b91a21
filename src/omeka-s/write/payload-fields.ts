import * as z from 'zod'
import type { ApiRequest } from '../context.js'

/** A reference in a payload: `{"o:id": 3}` (Omeka also takes a bare id); anything else is no reference. */
const refSchema = z.union([
  z.object({ 'o:id': z.union([z.number().int(), z.string().regex(/^\d+$/), z.null()]).optional() }).passthrough(),
  z.number().int(),
  z.string().regex(/^\d+$/),
])

/** The id a payload reference names, or null. */
export function refIdOf(value: unknown): number | null {
  const parsed = refSchema.safeParse(value)
  if (!parsed.success) return null
  const v = parsed.data
  const id = typeof v === 'object' ? v['o:id'] : v
  return id === undefined || id === null ? null : Number(id)
}

/** A list of references (a PHP array: JSON arrays and objects both iterate) as ids, in payload order. */
export function refIdsOf(value: unknown): number[] {
  if (value === null || typeof value !== 'object') return []
  const entries = Array.isArray(value) ? value : 'o:id' in value ? [value] : Object.values(value)
  return entries.map(refIdOf).filter((id): id is number => id !== null)
}

/** PHP truthiness of a decoded JSON value (what `(bool)` gives). */
export const phpBool = (v: unknown): boolean =>
  !(
    v === false ||
    v === null ||
    v === undefined ||
    v === 0 ||
    v === '' ||
    v === '0' ||
    (Array.isArray(v) && v.length === 0)
  )

/** A string field, or null (Omeka keeps strings as given). */
export const strOrNull = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null

/** AbstractEntityAdapter::shouldHydrate: always for create and PUT, only present keys for PATCH. */
export const shouldHydrate = (req: ApiRequest, partial: boolean, key: string): boolean => !partial || key in req.body

/** PHP's date('c') in UTC, as every S timestamp is stored. */
export const nowTimestamp = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00')

/** The path id as a number (0 when not numeric, which matches nothing). */
/**
 * The path id as MariaDB compares it with an integer key (Doctrine's find() binds the string): its
 * leading number, so `21.0` finds 21; `abc` (0) and `21.5` find nothing.
 */
export function sqlId(raw: string): number {
  const m = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(raw)
  const n = m ? Number(m[0]) : 0
  return Number.isSafeInteger(n) ? n : 0
}
export const pathId = (req: ApiRequest): number => sqlId(req.id)

/** A deleted entity's representation: Doctrine has cleared its id, so `@id` is the collection URL. */
export function asDeleted(rep: Record<string, unknown>, collectionUrl: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...rep, '@id': collectionUrl, 'o:id': null }
  delete out['@reverse']
  return out
}

/**
 * SiteSlugTrait's slug checks, every one that fails: empty, characters other than letters, digits, `_`
 * and `-`, taken.
 */
export function slugErrors(slug: string, taken: () => boolean): string[] {
  const errors: string[] = []
  if (slug === '') errors.push('The slug cannot be empty.')
  if (/[^a-zA-Z0-9_-]/u.test(slug)) errors.push('A slug can only contain letters, numbers, underscores, and hyphens.')
  if (slug !== '' && taken()) errors.push(`The slug "${slug}" is already taken.`)
  return errors
}

/** The `o:id` of a reference as the payload wrote it (Omeka's messages JSON-encode it as given). */
export function rawRefId(ref: unknown): number | string | null {
  const raw = ref !== null && typeof ref === 'object' && 'o:id' in ref ? (ref as Record<string, unknown>)['o:id'] : ref
  return typeof raw === 'string' || typeof raw === 'number' ? raw : null
}

/** Omeka's automatic slug (AbstractEntityAdapter::getAutomaticSlug): lower-case, dashes, 190 characters. */
export function automaticSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug.slice(0, 190)
}
