import { readFileSync } from 'node:fs'
import { faultSetSchema, type FaultSet } from './faults.schemas.js'

/** Reads `serve --faults rules.json` (the body PUT /__admin/faults takes); throws a readable error. */
export function readFaultsFile(path: string): FaultSet {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    throw new Error(`--faults ${path}: ${(err as Error).message}`)
  }
  const parsed = faultSetSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`--faults ${path}: ${issue.path.join('.') || '(file)'}: ${issue.message}`)
  }
  return parsed.data
}
