import { RawNumber } from '../http/php-json.js'

/**
 * JSON pretty-printed like the shipped fixtures (2-space indent, `/` and non-ASCII left as they are),
 * with RawNumbers written verbatim so floats in file metadata survive a round trip digit for digit.
 */
export function fixtureJson(value: unknown, indent = ''): string {
  if (value instanceof RawNumber) return value.text
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  const inner = indent + '  '
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    return `[\n${value.map((v) => inner + fixtureJson(v, inner)).join(',\n')}\n${indent}]`
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
  if (entries.length === 0) return '{}'
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${fixtureJson(v, inner)}`).join(',\n')}\n${indent}}`
}
