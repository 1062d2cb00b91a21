import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'

/** One recorded exchange of a conformance suite (shared/conformance/<suite>/cases/*.json). */
export interface RecordedCase {
  name: string
  request: { method: string; path: string; query?: string }
  response: { status: number; headers: Record<string, string>; body: string }
}

export function readCases(dir: string): RecordedCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RecordedCase)
}

type Doc = {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1')

/**
 * Checks recorded responses against an OpenAPI 3.1 document: the request's path and method must be a
 * documented operation (else the answer must be an error: an unknown resource or route), the status and
 * the content type must be documented for it, and a JSON body must validate against its schema.
 */
export class RecordedValidator {
  private readonly ajv = new Ajv2020({ strict: false, validateFormats: false, validateSchema: false, allErrors: false })
  private readonly templates: { path: string; re: RegExp }[]

  constructor(
    private readonly doc: Doc,
    private readonly opts: { ignoreExtraSegments?: boolean; errorSchema: string },
  ) {
    this.ajv.addSchema(doc as object, 'doc')
    this.templates = Object.keys(doc.paths).map((path) => ({
      path,
      re: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }))
  }

  private findPath(recorded: string): string | undefined {
    const path = recorded.length > 1 ? recorded.replace(/\/$/, '') : recorded
    const hit = (p: string) => this.templates.find((t) => t.re.test(p))?.path
    // Omeka Classic's router ignores segments after /api/<resource>/<id>.
    return hit(path) ?? (this.opts.ignoreExtraSegments ? hit(path.split('/').slice(0, 4).join('/')) : undefined)
  }

  /** The problems of one case, empty when it conforms. */
  check(c: RecordedCase): string[] {
    const { status, headers, body } = c.response
    const type = (Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '')
      .split(';')[0]!
      .trim()
    const path = this.findPath(c.request.path)
    const method = c.request.method.toLowerCase()
    const op = path ? this.doc.paths[path]?.[method] : undefined
    if (!op) {
      if (status < 300) return [`${c.request.method} ${c.request.path} answered ${status} but is not documented`]
      return type.endsWith('json') && body !== ''
        ? this.validate(`doc#/components/schemas/${this.opts.errorSchema}`, body, c)
        : []
    }
    const response = op.responses?.[String(status)]
    if (!response) return [`${c.request.method} ${path}: status ${status} not documented`]
    if (!type)
      return response.content ? [`${c.request.method} ${path} ${status}: no body recorded, but content documented`] : []
    if (!response.content?.[type]) return [`${c.request.method} ${path} ${status}: content type ${type} not documented`]
    if (!type.endsWith('json') || (body === '' && c.request.method === 'HEAD')) return []
    // JSONP: Omeka S keeps its JSON-LD content type on the wrapped body.
    if (/(^|&)callback=./.test(c.request.query ?? '') && !/^[[{]/.test(body)) return []
    return this.validate(
      `doc#/paths/${escapePointer(path!)}/${method}/responses/${status}/content/${escapePointer(type)}/schema`,
      body,
      c,
    )
  }

  private validate(ref: string, body: string, c: RecordedCase): string[] {
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch {
      return [`${c.name}: body is not JSON`]
    }
    const validate = this.ajv.getSchema(ref) ?? this.ajv.compile({ $ref: ref })
    if (validate(json)) return []
    return (validate.errors ?? []).map(
      (e) => `${c.name}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
    )
  }
}
