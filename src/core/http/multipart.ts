import type { Context } from 'hono'
import { LIMITS, LimitError } from './limits.js'

/**
 * A multipart/form-data body, parsed the way PHP fills $_POST and $_FILES: a body that does not parse
 * (no boundary, truncated, garbage) is an empty form, as PHP ignores it; more than LIMITS.multipartParts
 * parts is refused before parsing (PHP's max_input_vars and max_file_uploads bound the same thing).
 */
export async function readMultipart(c: Context): Promise<FormData> {
  const contentType = c.req.header('Content-Type') ?? ''
  const bytes = Buffer.from(await c.req.arrayBuffer())
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  if (boundary) {
    const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`, 'latin1')
    let parts = -1 // n parts have n + 1 delimiters
    for (let i = bytes.indexOf(delimiter); i !== -1; i = bytes.indexOf(delimiter, i + delimiter.length)) {
      if (++parts > LIMITS.multipartParts)
        throw new LimitError(400, `Too many parts in the multipart body: the maximum is ${LIMITS.multipartParts}.`)
    }
  }
  try {
    return await new Response(bytes, { headers: { 'Content-Type': contentType } }).formData()
  } catch {
    return new FormData()
  }
}

/** A form as a record of its fields, the last value of a repeated name winning (as in PHP's $_POST). */
export function formRecord(form: FormData): Record<string, string | File> {
  const out: Record<string, string | File> = {}
  for (const [name, value] of form.entries()) out[name] = value
  return out
}
