import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi'
import * as z from 'zod'
import { faultRuleSchema } from '../control/faults/faults.schemas.js'
import { snapshotNameSchema } from '../control/snapshots/snapshots.js'
import { globalSettingsSchema as sSettingsSchema } from '../omeka-s/settings.js'
import { seedOptionsSchema as sSeedOptionsSchema } from '../omeka-s/synthetic/synthetic.schemas.js'
import { apiSettingsSchema } from '../classic/settings.js'
import { seedOptionsSchema } from '../classic/synthetic/synthetic.schemas.js'
import { component, sortPaths } from './common.js'

const json = (description: string, schema: z.ZodType): ResponseConfig => ({
  description,
  content: { 'application/json': { schema } },
})

/** The OpenAPI 3.1 document of the control plane (`--control`): `/__admin` and, with `--flavor both`, `/s/__admin`. */
export function controlOpenApi(opts: { sMount?: string } = {}): Record<string, unknown> {
  const r = new OpenAPIRegistry()
  const error = component(
    r,
    'ControlError',
    z.strictObject({ message: z.string() }).meta({ example: { message: 'Unknown setting "foo".' } }),
  )
  const errs = (...statuses: number[]) =>
    Object.fromEntries(statuses.map((st) => [st, json('A refused request; nothing changed.', error)]))
  const fault = component(r, 'FaultRule', faultRuleSchema)
  const faultSet = component(
    r,
    'FaultSet',
    z
      .object({ seed: z.number().int().min(0).optional(), rules: z.array(fault).max(100) })
      .meta({ description: 'The rules (a bare list is accepted too) and the seed of their dice.' }),
  )
  const faultState = z.object({
    seed: z.number().int(),
    rules: z.array(z.object({ fired: z.number().int(), remaining: z.number().int().nullable() }).catchall(z.unknown())),
  })
  const entry = component(
    r,
    'JournalEntry',
    z
      .object({
        id: z.number().int(),
        time: z.string(),
        method: z.string(),
        url: z.string(),
        headers: z.record(z.string(), z.string()),
        body_size: z.number().int().nullable(),
        status: z.number().int(),
        duration_ms: z.number(),
        faults: z.array(z.record(z.string(), z.unknown())),
      })
      .meta({ description: 'A recorded request; keys in the URL and credential-like headers read [REDACTED].' }),
  )
  const snapshot = component(r, 'Snapshot', z.object({ name: z.string(), created: z.string() }).catchall(z.unknown()))
  const reset = z.object({
    fixture: z
      .string()
      .meta({ description: 'Absolute path of a fixture directory.', example: '/srv/fixtures/classic' }),
  })

  const site = (prefix: string, flavour: 'Classic' | 'Omeka S') => {
    const tag = flavour
    const settings = flavour === 'Classic' ? apiSettingsSchema : sSettingsSchema
    const seed = flavour === 'Classic' ? seedOptionsSchema : sSeedOptionsSchema
    r.registerPath({
      method: 'post',
      path: `${prefix}/reset`,
      tags: [tag],
      summary: `Replace all ${flavour} data with a fixture`,
      request: { body: { content: { 'application/json': { schema: reset } }, required: true } },
      responses: { 204: { description: 'Reset.' }, ...errs(400, 405, 500) },
    })
    r.registerPath({
      method: 'get',
      path: `${prefix}/settings`,
      tags: [tag],
      summary: 'The settings',
      responses: { 200: json('The settings.', settings) },
    })
    r.registerPath({
      method: 'patch',
      path: `${prefix}/settings`,
      tags: [tag],
      summary: 'Change settings',
      request: { body: { content: { 'application/json': { schema: settings.partial() } }, required: true } },
      responses: { 200: json('The full settings.', settings), ...errs(400, 405) },
    })
    r.registerPath({
      method: 'post',
      path: `${prefix}/seed`,
      tags: [tag],
      summary: 'Replace the site with a synthetic one',
      request: { body: { content: { 'application/json': { schema: seed } }, required: true } },
      responses: {
        200: json('A summary with the users and their keys.', z.record(z.string(), z.unknown())),
        ...errs(400, 405),
      },
    })
  }
  const toolkit = (prefix: string) => {
    r.registerPath({
      method: 'get',
      path: `${prefix}/faults`,
      tags: ['Toolkit'],
      summary: 'The fault rules, with how often each fired',
      responses: { 200: json('The rules.', faultState) },
    })
    r.registerPath({
      method: 'put',
      path: `${prefix}/faults`,
      tags: ['Toolkit'],
      summary: 'Replace the fault rules',
      request: { body: { content: { 'application/json': { schema: faultSet } }, required: true } },
      responses: { 200: json('The rules now in force.', faultState), ...errs(400, 405) },
    })
    r.registerPath({
      method: 'delete',
      path: `${prefix}/faults`,
      tags: ['Toolkit'],
      summary: 'Clear the fault rules',
      responses: { 204: { description: 'Cleared.' } },
    })
    r.registerPath({
      method: 'get',
      path: `${prefix}/requests`,
      tags: ['Toolkit'],
      summary: 'The request journal, newest first',
      request: {
        query: z.object({
          method: z.string().optional().meta({ description: 'HTTP method.' }),
          path: z.string().optional().meta({ description: 'A glob on the path.' }),
          limit: z.string().optional().meta({ description: '1 to the journal size (default 100).' }),
        }),
      },
      responses: { 200: json('Entries.', z.array(entry)), ...errs(400) },
    })
    r.registerPath({
      method: 'delete',
      path: `${prefix}/requests`,
      tags: ['Toolkit'],
      summary: 'Forget the journal',
      responses: { 204: { description: 'Cleared.' } },
    })
    r.registerPath({
      method: 'get',
      path: `${prefix}/snapshots`,
      tags: ['Toolkit'],
      summary: 'The snapshots',
      responses: { 200: json('Snapshots.', z.array(snapshot)) },
    })
    r.registerPath({
      method: 'post',
      path: `${prefix}/snapshots`,
      tags: ['Toolkit'],
      summary: 'Save a snapshot',
      request: {
        body: { content: { 'application/json': { schema: z.object({ name: snapshotNameSchema }) } }, required: true },
      },
      responses: { 201: json('The snapshot.', snapshot), ...errs(400, 405) },
    })
    const name = z.object({ name: snapshotNameSchema })
    r.registerPath({
      method: 'get',
      path: `${prefix}/snapshots/{name}`,
      tags: ['Toolkit'],
      summary: 'One snapshot',
      request: { params: name },
      responses: { 200: json('The snapshot.', snapshot), ...errs(400, 404) },
    })
    r.registerPath({
      method: 'delete',
      path: `${prefix}/snapshots/{name}`,
      tags: ['Toolkit'],
      summary: 'Delete a snapshot',
      request: { params: name },
      responses: { 204: { description: 'Deleted.' }, ...errs(400, 404) },
    })
    r.registerPath({
      method: 'post',
      path: `${prefix}/snapshots/{name}/restore`,
      tags: ['Toolkit'],
      summary: 'Restore a snapshot',
      request: { params: name },
      responses: { 204: { description: 'Restored.' }, ...errs(400, 404, 409) },
    })
  }
  if (opts.sMount === undefined || opts.sMount === '') {
    site('/__admin', opts.sMount === '' ? 'Omeka S' : 'Classic')
    toolkit('/__admin')
  } else {
    site('/__admin', 'Classic')
    toolkit('/__admin')
    site(`${opts.sMount}/__admin`, 'Omeka S')
  }
  const doc = new OpenApiGeneratorV31(r.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'omeka-twin control plane',
      version: '1.0.0',
      description:
        'Only with `serve --control` (never on a site you care about). Bodies are JSON; errors are `{"message": ...}`; a refused request changes nothing. With `--flavor both` the Omeka S contract is also at `/s/__admin`.',
      license: { name: 'GPL-3.0-or-later', identifier: 'GPL-3.0-or-later' },
    },
    servers: [{ url: '/', description: 'This server' }],
    // No authentication: the control plane exists only on a test double started with --control.
    security: [{}],
  })
  return sortPaths(doc)
}
