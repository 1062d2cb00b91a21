import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isPublicAddress, OriginPolicy, sameServer, type Resolve } from './origin-policy.js'
import { preflight } from './classic-origin/preflight.js'
import { RemoteClient } from './remote-client.js'
import { startRealServer, type RealServer } from '../../../test/real-server.js'

const DNS: Record<string, string[]> = {
  'origin.example': ['93.184.216.34'],
  'cdn.example': ['93.184.216.35'],
  'internal.example': ['10.1.2.3'],
  'rebind.example': ['93.184.216.36', '127.0.0.1'],
  'lan-origin.example': ['192.168.1.20'],
}
const resolve: Resolve = async (host) => {
  const found = DNS[host]
  if (!found) throw new Error(`ENOTFOUND ${host}`)
  return found
}

describe('origin policy: addresses', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
  ])('counts %s as not public', (a) => expect(isPublicAddress(a)).toBe(false))
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111'])('counts %s as public', (a) =>
    expect(isPublicAddress(a)).toBe(true),
  )
})

describe('origin policy: a public origin', () => {
  const policy = new OriginPolicy('https://origin.example/api', ['cdn.example'], resolve)

  it("allows file URLs on the origin's own scheme, host and port and on the allowed hosts", async () => {
    expect(await policy.check('https://origin.example/files/original/a.jpg', 'file')).toBeNull()
    expect(await policy.check('https://cdn.example/a.jpg', 'file')).toBeNull()
  })

  it('refuses file URLs on another host, scheme or port', async () => {
    for (const url of [
      'https://elsewhere.example/a.jpg',
      'http://origin.example/a.jpg',
      'https://origin.example:8443/a.jpg',
    ]) {
      expect(await policy.check(url, 'file')).toMatch(/^refused: .* is not the origin's own host/)
    }
  })

  it('refuses any URL that resolves to an internal address, however it is spelled', async () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://internal.example/',
      'http://rebind.example/',
    ]) {
      expect(await policy.check(url, 'api')).toMatch(/^refused: /)
    }
    const allowInternal = new OriginPolicy('https://origin.example/api', ['internal.example'], resolve)
    expect(await allowInternal.check('http://internal.example/a.jpg', 'file')).toMatch(
      /private, loopback or link-local/,
    )
  })

  it('refuses other schemes', async () => {
    expect(await policy.check('file:///etc/passwd', 'file')).toMatch(/only http and https/)
  })
})

describe('origin policy: an origin on an internal address (test doubles, LAN sites)', () => {
  it('allows internal addresses', async () => {
    const lan = new OriginPolicy('http://lan-origin.example/api', ['internal.example'], resolve)
    expect(await lan.check('http://internal.example/a.jpg', 'file')).toBeNull()
    expect(
      await new OriginPolicy('http://127.0.0.1:9/api', [], resolve).check('http://127.0.0.1:9/files/a', 'file'),
    ).toBeNull()
  })
})

describe('origin policy: the remote client on real sockets', () => {
  let origin: Server
  let secret: Server
  let secretHits = 0
  let originUrl = ''
  let secretUrl = ''
  const listen = (s: Server) =>
    new Promise<string>((r) =>
      s.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)),
    )

  beforeAll(async () => {
    secret = createServer((_, res) => {
      secretHits++
      res.end('internal secret')
    })
    secretUrl = await listen(secret)
    origin = createServer((req, res) => {
      if (req.url === '/files/redirect') return res.writeHead(302, { Location: `${secretUrl}/admin` }).end()
      if (req.url === '/files/big') {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' })
        const chunk = Buffer.alloc(64 * 1024, 1)
        let sent = 0
        const pump = () => {
          while (sent < 200 && res.write(chunk)) sent++
          if (sent < 200) res.once('drain', pump)
          else res.end()
        }
        return pump()
      }
      res.end('file bytes')
    })
    originUrl = await listen(origin)
  })
  afterAll(() => {
    origin.close()
    secret.close()
  })

  it('does not follow a redirect to another host (the other host is never asked)', async () => {
    const client = new RemoteClient({ endpoint: `${originUrl}/api`, key: null, maxAttempts: 1 })
    const r = await client.download(`${originUrl}/files/redirect`)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.error.message).toMatch(/^refused: http:\/\/127\.0\.0\.1:\d+ is not the origin's own host/)
    expect(await client.download(`${secretUrl}/admin`)).toMatchObject({ ok: false })
    expect(secretHits).toBe(0)
  })

  it('follows it when --allow-file-host names the other host', async () => {
    const client = new RemoteClient({
      endpoint: `${originUrl}/api`,
      key: null,
      maxAttempts: 1,
      allowFileHosts: [new URL(secretUrl).host],
    })
    const r = await client.download(`${originUrl}/files/redirect`)
    expect(r.ok && r.value.toString()).toBe('internal secret')
  })

  it("stops reading a download past the origin's declared size plus a margin, and past the global cap", async () => {
    const client = new RemoteClient({ endpoint: `${originUrl}/api`, key: null, maxAttempts: 1 })
    const declared = await client.download(`${originUrl}/files/big`, 1000)
    expect(!declared.ok && declared.error.message).toMatch(/is larger than 66536 bytes$/)
    const capped = new RemoteClient({
      endpoint: `${originUrl}/api`,
      key: null,
      maxAttempts: 1,
      maxDownloadBytes: 100_000,
    })
    const global = await capped.download(`${originUrl}/files/big`)
    expect(!global.ok && global.error.message).toMatch(/is larger than 100000 bytes$/)
    expect(client.stats.bytes).toBe(0)
    const fine = await client.download(`${originUrl}/files/small`, 10)
    expect(fine.ok && fine.value.toString()).toBe('file bytes')
  })
})

describe('preflight', () => {
  let site: RealServer
  beforeAll(async () => {
    site = await startRealServer(null)
  })
  afterAll(() => site.close())

  it.each(['localhost', '[::ffff:127.0.0.1]'])('refuses to import a site into itself reached as %s', async (host) => {
    const port = new URL(site.base).port
    expect(await preflight(`http://${host}:${port}/api`, null, site.base)).toEqual({
      ok: false,
      message: 'You cannot import a site into itself',
    })
  })

  it('tells the same server from another port', async () => {
    expect(await sameServer('http://localhost:8080', 'http://127.0.0.1:8080')).toBe(true)
    expect(await sameServer('http://localhost:8080', 'http://127.0.0.1:8081')).toBe(false)
    expect(await sameServer('https://origin.example', 'http://127.0.0.1:443', resolve)).toBe(false)
  })

  it('gives one message for a closed port, whatever the network error', async () => {
    expect(await preflight('http://127.0.0.1:1/api', null, null)).toEqual({
      ok: false,
      message: 'Unable to connect to http://127.0.0.1:1/api',
    })
  })
})
