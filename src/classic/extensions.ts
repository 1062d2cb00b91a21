import type { ClassicRequest } from './context.js'

/**
 * `extended_resources` of a record: plugin resources attached to it (e.g. an item's geolocation).
 * An empty array unless an enabled plugin contributes, exactly as Omeka serves it without plugins.
 */
export type Extender = (req: ClassicRequest, resource: string, id: number) => Record<string, unknown> | undefined

export function extendedResources(req: ClassicRequest, resource: string, id: number): Record<string, unknown> | unknown[] {
  let out: Record<string, unknown> | undefined
  for (const fn of req.deps.extenders) {
    const part = fn(req, resource, id)
    if (part) out = { ...(out ?? {}), ...part }
  }
  return out ?? []
}
