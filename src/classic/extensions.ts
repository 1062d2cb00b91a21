import type { ClassicRequest } from './deps.js'

export type { Extender } from './deps.js'

export function extendedResources(
  req: ClassicRequest,
  resource: string,
  id: number,
): Record<string, unknown> | unknown[] {
  let out: Record<string, unknown> | undefined
  for (const fn of req.deps.extenders) {
    const part = fn(req, resource, id)
    if (part) out = { ...(out ?? {}), ...part }
  }
  return out ?? []
}
