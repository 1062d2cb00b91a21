import { randomBytes } from 'node:crypto'
import { EncodedJson } from './php-json.js'
import { STATE_LABEL_PREFIX } from './state-labels.js'

/**
 * Records encoded once and remembered until the database changes, so a page whose response is not in
 * the response cache (another Host, another filter, another page of the same records) costs its SQL
 * for the page's ids and a lookup per record, not a representation and an encoding of each record.
 *
 * Representations stay pure functions of (rows, relations, urls): a record is represented with URLs on
 * a placeholder origin, encoded, and kept split at the placeholder; an answer joins the parts with the
 * request's own origin (both escaped as the flavour's encoder writes them). The placeholder is a valid
 * origin (representations may parse their URLs) with a host random per process, so no stored text can contain it.
 */
export const PLACEHOLDER_ORIGIN = `http://omeka-twin-${randomBytes(12).toString('hex')}.invalid`

/** Most records kept, and the largest total of text, before everything is forgotten at once. */
const MAX_RECORDS = 50_000
const MAX_CHARS = 64 * 1024 * 1024
const MAX_NAMED_STATES = 8

export class RecordFragments {
  private stamp = ''
  /** Records by state: the current one, and named states (fixture templates) kept for when they come back. */
  private readonly generations = new Map<string, Map<string, string[]>>()
  private parts = new Map<string, string[]>()
  private records = 0
  private chars = 0

  /**
   * Each record of a page as EncodedJson for the flavour's compact encoder `encode`: remembered under
   * `variant` + its key while the database state stays `stamp` (a stamp or a state name, see
   * state-labels.ts), the others represented by `represent` (on PLACEHOLDER_ORIGIN) in one call.
   */
  page<R>(
    at: { stamp: string; variant: string; origin: string; encode: (v: unknown) => string },
    records: readonly R[],
    key: (r: R) => number,
    represent: (missing: R[]) => unknown[],
  ): EncodedJson[] {
    const { stamp, variant, encode } = at
    if (stamp !== this.stamp) this.enter(stamp)
    const escaped = (s: string) => encode(s).slice(1, -1)
    const origin = escaped(at.origin)
    const placeholder = escaped(PLACEHOLDER_ORIGIN)
    const found = records.map((r) => this.parts.get(`${variant}\n${key(r)}`))
    const missing = found.flatMap((parts, i) => (parts ? [] : [i]))
    if (missing.length) {
      const made = represent(missing.map((i) => records[i]!))
      missing.forEach((i, j) => {
        const parts = encode(made[j]).split(placeholder)
        found[i] = parts
        this.keep(`${variant}\n${key(records[i]!)}`, parts)
      })
    }
    return found.map((parts) => new EncodedJson(parts!.length === 1 ? parts![0]! : parts!.join(origin)))
  }

  private keep(k: string, parts: string[]): void {
    const size = parts.reduce((n, p) => n + p.length, 0)
    if (this.records >= MAX_RECORDS || this.chars + size > MAX_CHARS) {
      // Everything is forgotten at once (other states' records and this one's).
      this.generations.clear()
      this.records = 0
      this.chars = 0
      this.parts = new Map()
      this.generations.set(this.stamp, this.parts)
    }
    this.parts.set(k, parts)
    this.records++
    this.chars += size
  }

  private enter(stamp: string): void {
    if (!this.stamp.startsWith(STATE_LABEL_PREFIX)) this.drop(this.stamp)
    if (this.generations.size >= MAX_NAMED_STATES) this.drop(this.generations.keys().next().value!)
    this.parts = this.generations.get(stamp) ?? new Map()
    this.generations.delete(stamp)
    this.generations.set(stamp, this.parts)
    this.stamp = stamp
  }

  private drop(state: string): void {
    for (const parts of this.generations.get(state)?.values() ?? []) {
      this.records--
      this.chars -= parts.reduce((n, p) => n + p.length, 0)
    }
    this.generations.delete(state)
  }
}

const byConnection = new WeakMap<object, RecordFragments>()

/** The fragments of one database connection (one flavour of one server). */
export function fragmentsOf(connection: object): RecordFragments {
  let f = byConnection.get(connection)
  if (!f) byConnection.set(connection, (f = new RecordFragments()))
  return f
}
