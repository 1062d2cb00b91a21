import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Copies of the shared S fixture and of recorded s-random cases (tests never read ../shared). */
export const S_SHARED = resolve(fileURLToPath(new URL('./fixtures/shared/conformance', import.meta.url)))
export const S_FIXTURE = join(S_SHARED, 's/fixture')
const CASES = join(S_SHARED, 's-random/cases')

type Part = string | { filename: string; content_type: string; base64: string }

/** One recorded case of the s-random corpus (conformance/s/README.md's format). */
export interface SCase {
  num: number
  quirk?: string
  setup?: { reset?: string }
  recorded_origin: string
  mask?: Record<string, string[]>
  request: {
    method: string
    url: string
    headers: Record<string, string>
    body: string | { 'multipart/form-data': Record<string, Part> } | null
  }
  response: { status: number; headers: Record<string, string>; body: string }
}

function casesIn(dir: string, from: number, to: number): SCase[] {
  return readdirSync(dir)
    .filter((f) => /^\d+-/.test(f))
    .map((f) => ({ ...(JSON.parse(readFileSync(join(dir, f), 'utf8')) as SCase), num: parseInt(f, 10) }))
    .filter((c) => c.num >= from && c.num <= to)
    .sort((a, b) => a.num - b.num)
}

/** The copied s-random cases numbered `from`..`to`, in order. */
export const sCases = (from: number, to: number): SCase[] => casesIn(CASES, from, to)

/** The copied cases of the main S suite (recorded from http://127.0.0.1:8085) numbered `from`..`to`. */
export const mainSuiteCases = (from: number, to: number): SCase[] => casesIn(join(S_SHARED, 's/cases'), from, to)

/**
 * The request a Python `requests` client sends for a recorded multipart case:
 * `requests.post(url, data={'data': json.dumps(payload)}, files={'file[0]': (name, bytes, type)})` —
 * a uuid4-hex boundary, the JSON part without a Content-Type, CRLF line ends.
 */
export function pythonRequestsMultipart(parts: Record<string, Part>): { body: Buffer; contentType: string } {
  const boundary = 'a3f1c5e27b8d4c0e9f6a1b2c3d4e5f60'
  const chunks: Buffer[] = []
  for (const [name, part] of Object.entries(parts)) {
    if (typeof part === 'string') {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${part}\r\n`))
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${part.filename}"\r\nContent-Type: ${part.content_type}\r\n\r\n`,
        ),
      )
      chunks.push(Buffer.from(part.base64, 'base64'), Buffer.from('\r\n'))
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/
const HASH = /[0-9a-f]{40}/

/** `$["a"]["b"]`, `$.a.b`, `$[0]` as path segments. */
function segments(path: string): (string | number)[] {
  const out: (string | number)[] = []
  for (const m of path.slice(1).matchAll(/\["((?:[^"\\]|\\.)*)"\]|\.([A-Za-z_][\w]*)|\[(\d+)\]/g))
    out.push(m[1] !== undefined ? JSON.parse(`"${m[1]}"`) : m[2] !== undefined ? m[2] : Number(m[3]))
  return out
}

/**
 * The recorded and the actual JSON bodies with the case's masked values (fresh timestamps, new storage
 * ids) checked for their shape and replaced by `<masked>`; the recorded origin becomes the server's.
 */
export function maskedPair(
  c: SCase,
  actualText: string,
  origin: string,
): { expected: unknown; actual: unknown; problems: string[] } {
  const swap = (s: string) =>
    s
      .split(c.recorded_origin.replace(/\//g, '\\/'))
      .join(origin.replace(/\//g, '\\/'))
      .split(c.recorded_origin)
      .join(origin)
  const expected = JSON.parse(swap(c.response.body)) as unknown
  const actual = JSON.parse(actualText) as unknown
  const problems: string[] = []
  for (const [kind, paths] of Object.entries(c.mask ?? {})) {
    for (const path of paths) {
      const segs = segments(path)
      const last = segs.pop()!
      const holder = (v: unknown) =>
        segs.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], v) as
          | Record<string | number, unknown>
          | undefined
      const a = holder(actual)
      const value = a?.[last]
      const ok =
        kind === 'timestamp'
          ? typeof value === 'string' && TIMESTAMP.test(value)
          : kind === 'hash'
            ? typeof value === 'string' && HASH.test(value)
            : value !== undefined
      if (!ok) problems.push(`${path}: ${JSON.stringify(value)} is not a ${kind}`)
      if (a && last in a) a[last] = '<masked>'
      const e = holder(expected)
      if (e) e[last] = '<masked>'
    }
  }
  return { expected, actual, problems }
}
