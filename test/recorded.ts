import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ORIGIN, SHARED, type TestApp } from './helpers.js'

const CASES = join(SHARED, 'conformance/classic/cases')
const RECORDED_ORIGIN = 'http://127.0.0.1:8081'

interface RecordedCase {
  request: { method: string; url: string; headers: Record<string, string> }
  response: { status: number; headers: Record<string, string>; body: string | null }
}

/** A conformance case by number, its recorded URLs rewritten to the test app's origin. */
export function recordedCase(no: number): RecordedCase {
  const name = readdirSync(CASES).find((f) => f.startsWith(`${String(no).padStart(3, '0')}-`))
  if (!name) throw new Error(`no recorded case ${no}`)
  const swap = (s: string) =>
    s
      .split(RECORDED_ORIGIN.replace(/\//g, '\\/'))
      .join(ORIGIN.replace(/\//g, '\\/'))
      .split(RECORDED_ORIGIN)
      .join(ORIGIN)
  const c = JSON.parse(readFileSync(join(CASES, name), 'utf8')) as RecordedCase
  const headers = Object.fromEntries(Object.entries(c.response.headers).map(([k, v]) => [k, swap(v)]))
  return {
    request: c.request,
    response: { status: c.response.status, headers, body: c.response.body === null ? null : swap(c.response.body) },
  }
}

/**
 * Sends a recorded body-less request to the app and returns what it answered next to what real
 * Omeka answered, so a test can compare status, Content-Type and the body byte for byte.
 */
export async function replay(t: TestApp, no: number) {
  const c = recordedCase(no)
  const res = await t.request(c.request.url, { method: c.request.method, headers: c.request.headers })
  const actual = { status: res.status, contentType: res.headers.get('Content-Type'), body: await res.text() }
  const expected = {
    status: c.response.status,
    contentType: c.response.headers['Content-Type'] ?? null,
    body: c.response.body ?? '',
  }
  return { actual, expected, res, recorded: c }
}

/** Replays case `no` and asserts status, Content-Type, paging headers and body match real Omeka's. */
export async function expectRecorded(t: TestApp, no: number): Promise<void> {
  const { expect } = await import('vitest')
  const { actual, expected, res, recorded } = await replay(t, no)
  expect(actual, `case ${no}`).toEqual(expected)
  for (const h of ['Omeka-Total-Results', 'Link', 'Location']) {
    if (recorded.response.headers[h] !== undefined)
      expect(res.headers.get(h), `case ${no} ${h}`).toBe(recorded.response.headers[h])
  }
}
