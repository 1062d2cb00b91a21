import type * as z from 'zod'
import type { Db } from '../db/client.js'
import { FixtureError, type Fixture } from '../fixtures/load.js'

/**
 * A plugin file of a fixture (`geolocations.json`, …) validated record by record, or undefined when
 * the fixture does not have it. Errors name the file, the record and the field, like the core files.
 */
export function parsePluginFile<T extends { id: number }>(
  fx: Fixture,
  name: string,
  schema: z.ZodType<T>,
): T[] | undefined {
  const raw = fx.extra[name]
  if (raw === undefined) return undefined
  if (!Array.isArray(raw)) throw new FixtureError(`${name}.json: must be a JSON array`)
  const seen = new Set<number>()
  return raw.map((rec: unknown, i) => {
    const res = schema.safeParse(rec)
    if (!res.success) {
      const issue = res.error.issues[0]!
      const recId = rec && typeof rec === 'object' && 'id' in rec ? ` (id ${String((rec as { id: unknown }).id)})` : ''
      throw new FixtureError(
        `${name}.json: record ${i}${recId}: ${issue.path.join('.') || '(record)'} ${issue.message}`,
      )
    }
    if (seen.has(res.data.id)) throw new FixtureError(`${name}.json: record ${i}: duplicate id ${res.data.id}`)
    seen.add(res.data.id)
    return res.data
  })
}

/** Throws a FixtureError unless `ok`. */
export function check(ok: boolean, message: string): void {
  if (!ok) throw new FixtureError(message)
}

/** next_ids.json for a plugin table: the next id handed out, never below max(id) + 1. */
export function setNextId(db: Db, table: string, next: number | undefined): void {
  if (next === undefined) return
  const max = db.$client.prepare<unknown[], { m: number }>(`SELECT COALESCE(MAX(id), 0) AS m FROM "${table}"`).get()!.m
  db.$client.prepare('DELETE FROM sqlite_sequence WHERE name = ?').run(table)
  db.$client.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(table, Math.max(next - 1, max))
}
