import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { lazyRoutes } from './lazy-routes.js'

function outer(loads: { n: number }) {
  const app = new Hono()
  app.route(
    '/lazy',
    lazyRoutes('/lazy', async () => {
      loads.n++
      return new Hono()
        .get('/', (c) => c.text('root'))
        .get('/boom', () => {
          throw new Error('boom')
        })
    }),
  )
  app.get('/lazy/later', (c) => c.text('outer route'))
  app.notFound((c) => c.text('outer not found', 404))
  app.onError((err, c) => c.text(`outer error: ${err.message}`, 500))
  return app
}

describe('lazyRoutes', () => {
  it('loads the sub-app on the first request under its prefix, once', async () => {
    const loads = { n: 0 }
    const app = outer(loads)
    expect(loads.n).toBe(0)
    expect(await (await app.request('/other')).text()).toBe('outer not found')
    expect(loads.n).toBe(0)
    expect(await (await app.request('/lazy')).text()).toBe('root')
    expect(await (await app.request('/lazy')).text()).toBe('root')
    expect(loads.n).toBe(1)
  })

  it("falls through to the outer app's routes and notFound where the sub-app has no route", async () => {
    const app = outer({ n: 0 })
    expect(await (await app.request('/lazy/later')).text()).toBe('outer route')
    const res = await app.request('/lazy/nothing')
    expect(res.status).toBe(404)
    expect(await res.text()).toBe('outer not found')
  })

  it("hands the sub-app's errors to the outer app's onError", async () => {
    const res = await outer({ n: 0 }).request('/lazy/boom')
    expect(res.status).toBe(500)
    expect(await res.text()).toBe('outer error: boom')
  })
})
