// The request and the deps refer to each other, so both live in deps.ts (no import cycle).
export type { ClassicAction, ClassicRequest } from './deps.js'
import type { ClassicAction, ClassicRequest } from './deps.js'

export type ClassicHandler = (req: ClassicRequest) => Response | Promise<Response>

export interface ClassicResource {
  name: string
  controller?: string
  recordType?: string
  actions: ClassicAction[]
  indexParams?: string[]
  handlers: Partial<Record<ClassicAction, ClassicHandler>>
  /** omeka-twin's own resources (imports) stay out of /api/resources, which must be Omeka's list. */
  unlisted?: boolean
  /** Files take multipart bodies on POST. */
  multipartPost?: boolean
}
