import { isDeepStrictEqual } from 'node:util'

/**
 * A record's fields by name, as an import would write them or as they are here. Names are what a
 * reader knows: element names (`Dublin Core: Title`), `tags`, `public`; property terms and `o:` fields
 * for Omeka S. A field missing on the origin's side is one the import leaves alone (not compared).
 */
export type FieldValues = Record<string, unknown>

/** Bookkeeping that moves with every change: named only when nothing else differs (a record touched). */
const STAMPS = new Set(['modified', 'o:modified'])

/**
 * The names of the fields an update changes: those whose origin value differs from the local one,
 * in the origin's order, then the ones only the local record has (the update removes them). `modified`
 * is named only when it is the only difference.
 */
export function changedFields(local: FieldValues, origin: FieldValues): string[] {
  const names = [...new Set([...Object.keys(origin), ...Object.keys(local)])]
  const changed = names.filter((n) => origin[n] !== undefined && !isDeepStrictEqual(local[n] ?? null, origin[n]))
  const real = changed.filter((n) => !STAMPS.has(n))
  return real.length ? real : changed
}

/** Values grouped under a name (element texts by element, values by term), in their order. */
export function grouped<T>(rows: readonly T[], nameOf: (row: T) => string, value: (row: T) => unknown): FieldValues {
  const out: Record<string, unknown[]> = {}
  for (const r of rows) (out[nameOf(r)] ??= []).push(value(r))
  return out
}
