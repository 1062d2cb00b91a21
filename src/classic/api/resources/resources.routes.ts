import type { ClassicResource } from '../../context.js'
import { recordResponse } from '../../respond.js'

/** `/api/resources`: generated from the registry, so it can never disagree with the router. */
export function resourcesResource(registry: () => readonly ClassicResource[]): ClassicResource {
  return {
    name: 'resources',
    controller: 'resources',
    actions: ['index'],
    handlers: {
      index(req) {
        const out: Record<string, unknown> = {}
        for (const r of registry()) {
          if (r.unlisted) continue
          out[r.name] = {
            ...(r.controller ? { controller: r.controller } : {}),
            ...(r.recordType ? { record_type: r.recordType } : {}),
            actions: r.actions,
            ...(r.indexParams ? { index_params: r.indexParams } : {}),
            url: req.urls.api(r.name),
          }
        }
        return recordResponse(req, out)
      },
    },
  }
}
