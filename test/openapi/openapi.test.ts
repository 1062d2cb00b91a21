import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { memoryDeps } from '../../src/classic/bootstrap.js'
import { memoryDeps as memorySDeps } from '../../src/omeka-s/bootstrap.js'
import { classicOpenApi } from '../../src/openapi/classic.document.js'
import { controlOpenApi } from '../../src/openapi/control.document.js'
import { sOpenApi } from '../../src/openapi/s.document.js'
import { describeProblems, lintOpenApi } from './lint.js'
import { readCases, RecordedValidator, type RecordedCase } from './recorded-validator.js'

const RECORDED = resolve(fileURLToPath(new URL('../fixtures/shared/conformance', import.meta.url)))

describe('OpenAPI documents: lint (Redocly recommended)', () => {
  it.each([
    ['classic', () => classicOpenApi()],
    ['s', () => sOpenApi()],
    ['control', () => controlOpenApi({ sMount: '/s' })],
  ])('%s.json has no lint errors, and its only warnings are operations that cannot fail', async (name, build) => {
    const problems = await lintOpenApi(name, build())
    expect(describeProblems(problems.filter((p) => p.severity === 'error'))).toEqual([])
    const warnings = problems.filter((p) => p.severity === 'warn')
    expect(describeProblems(warnings.filter((p) => p.ruleId !== 'operation-4xx-response'))).toEqual([])
    const pointers = warnings.map((p) => p.location[0]?.pointer ?? '')
    for (const pointer of pointers)
      expect(pointer).toMatch(
        /\/paths\/(~1s)?(~1api|~1api-context|~1__admin~1(requests|faults|snapshots|settings))\/(get|delete)\/responses$/,
      )
  })
})

describe('OpenAPI documents: every recorded response of the conformance suites validates', () => {
  const suites: [string, () => RecordedValidator][] = [
    [
      'classic',
      () =>
        new RecordedValidator(classicOpenApi() as never, { ignoreExtraSegments: true, errorSchema: 'ClassicError' }),
    ],
    [
      'classic-plugins',
      () =>
        new RecordedValidator(classicOpenApi() as never, { ignoreExtraSegments: true, errorSchema: 'ClassicError' }),
    ],
    ['s', () => new RecordedValidator(sOpenApi() as never, { errorSchema: 'SError' })],
  ]
  it.each(suites)('the %s suite', (suite, validator) => {
    const cases = readCases(join(RECORDED, suite, 'cases'))
    expect(cases.length).toBeGreaterThan(100)
    const v = validator()
    expect(cases.flatMap((c) => v.check(c))).toEqual([])
  })

  it('catches a body that is not what Omeka sends (the check can fail)', () => {
    const v = new RecordedValidator(classicOpenApi() as never, {
      ignoreExtraSegments: true,
      errorSchema: 'ClassicError',
    })
    const item = readCases(join(RECORDED, 'classic', 'cases')).find(
      (c) => c.request.method === 'GET' && /^\/api\/items\/\d+$/.test(c.request.path) && c.response.status === 200,
    )!
    const body = JSON.parse(item.response.body)
    const broken = (change: (b: Record<string, unknown>) => void, status = 200): RecordedCase => {
      const b = structuredClone(body)
      change(b)
      return { ...item, response: { ...item.response, status, body: JSON.stringify(b) } }
    }
    expect(v.check(broken((b) => delete b.public)).join()).toContain("must have required property 'public'")
    expect(v.check(broken((b) => (b.extra = 1))).join()).toContain('must NOT have additional properties')
    expect(v.check(broken(() => undefined, 418)).join()).toContain('status 418 not documented')
    expect(v.check({ ...item, request: { ...item.request, path: '/api/nothing' } }).join()).toContain(
      'is not documented',
    )
  })
})

describe('OpenAPI documents: served at /__openapi, never under /api', () => {
  it('serves the Classic and control documents, and Swagger UI from local files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-openapi-'))
    const deps = memoryDeps(join(dir, 'files'), { control: false })
    const app = createApp(deps)
    const t = {
      request: (path: string) => Promise.resolve(app.request(`http://omeka.test${path}`)),
      json: async (path: string) => {
        const res = await app.request(`http://omeka.test${path}`)
        return { status: res.status, body: (await res.json()) as any }
      },
    }
    try {
      const classic = await t.json('/__openapi/classic.json')
      expect(classic.status).toBe(200)
      expect(classic.body.openapi).toBe('3.1.0')
      expect(classic.body.paths['/api/items'].get.responses['200'].headers).toHaveProperty('Omeka-Total-Results')
      expect((await t.request('/__openapi/s.json')).status).toBe(404)
      expect((await t.request('/__openapi/control.json')).status).toBe(404)
      const page = await (await t.request('/__openapi')).text()
      expect(page).toContain('/__openapi/ui/swagger-ui-bundle.js')
      expect(page).not.toMatch(/https?:\/\//)
      const bundle = await t.request('/__openapi/ui/swagger-ui-bundle.js')
      expect(bundle.status).toBe(200)
      expect(bundle.headers.get('content-type')).toContain('javascript')
      expect((await t.request('/__openapi/ui/..%2Fpackage.json')).status).toBe(404)
      // /api stays Omeka's: no document there.
      expect(await t.json('/api/openapi.json')).toEqual({
        status: 404,
        body: { message: 'The "openapi" resource is unavailable.' },
      })
    } finally {
      deps.db.$client.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('serves the S document with its mount under --flavor both, and the control document with --control', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omeka-twin-openapi-'))
    const deps = memoryDeps(join(dir, 'classic'), { flavor: 'both', control: true })
    const s = memorySDeps(join(dir, 's'), deps.config, '/s')
    const app = createApp({ config: deps.config, classic: deps, s })
    try {
      const s = (await (await app.request('http://omeka.test/__openapi/s.json')).json()) as any
      expect(s.servers[0].url).toBe('/s')
      expect(s.paths['/api/items'].get.responses['200'].headers).toHaveProperty('Omeka-S-Total-Results')
      const control = (await (await app.request('http://omeka.test/__openapi/control.json')).json()) as any
      expect(Object.keys(control.paths)).toContain('/s/__admin/reset')
      expect((await app.request('http://omeka.test/__openapi/classic.json')).status).toBe(200)
    } finally {
      deps.db.$client.close()
      s.db.$client.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
