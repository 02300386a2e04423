import type { AddressInfo } from 'node:net'
import { createAtelier, memoryStorage } from '@atelier/core'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, describe, expect, it } from 'vitest'
import { atelierApi } from '../src/index.js'
import { apiHeaders } from '../src/middleware/response-headers.js'
import { PUBLIC_URL } from './support/world.js'

/** A studio with one project and its client's token, over one memory storage. */
async function setUp() {
  const atelier = createAtelier({ storage: memoryStorage() })
  const studio = await atelier.studios.create({ name: 'Studio' })
  const scope = { studioId: studio.id, actor: { kind: 'staff', id: 'me', label: 'Me' } } as const
  const client = await atelier.clients.create(scope, { name: '李明' })
  const project = await atelier.projects.create(scope, { clientId: client.id, title: 'p' })
  const { token } = await atelier.credentials.issueClientToken(scope, { clientId: client.id })
  return {
    atelier,
    studioId: studio.id,
    path: `/v1/client/projects/${project.id}`,
    auth: `Bearer ${token}`,
  }
}

function expectApiHeaders(res: Response) {
  for (const [name, value] of Object.entries(apiHeaders)) {
    expect([name, res.headers.get(name)]).toEqual([name, value])
  }
  expect(res.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/)
}

describe('API headers, on the plain path and behind other middleware', async () => {
  const { atelier, studioId, path, auth } = await setUp()
  const own = atelierApi(atelier, { publicUrl: PUBLIC_URL })
  const server = serve({ fetch: own.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  afterAll(() => new Promise((resolve) => server.close(resolve)))

  it('sends the tracker read with every API header, and 304 with the same validator', async () => {
    const res = await fetch(base + path, { headers: { Authorization: auth } })
    expect(res.status).toBe(200)
    expectApiHeaders(res)
    expect(res.headers.get('RateLimit-Limit')).toBe('600')
    const etag = res.headers.get('ETag')!
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/)
    expect((await res.json()).viewer).toBe('client')
    const again = await fetch(base + path, {
      headers: { Authorization: auth, 'If-None-Match': `W/"other", ${etag}` },
    })
    expect(again.status).toBe(304)
    expect(again.headers.get('ETag')).toBe(etag)
    expectApiHeaders(again)
    expect(await again.text()).toBe('')
    const stale = await fetch(base + path, {
      method: 'HEAD',
      headers: { Authorization: auth, 'If-None-Match': '"other"' },
    })
    expect([stale.status, stale.headers.get('ETag')]).toEqual([200, etag])
  })

  it('keeps a route’s own caching header over no-store, and sends problems with the headers', async () => {
    const keys = await fetch(`${base}/v1/studios/${studioId}/public-keys`)
    expect(keys.headers.get('Cache-Control')).toBe('public, max-age=300')
    expect(keys.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin')
    const denied = await fetch(base + path)
    expect(denied.status).toBe(401)
    expectApiHeaders(denied)
    expect(denied.headers.get('Content-Type')).toBe('application/problem+json')
  })

  it('behind middleware that set headers first, sends both theirs and its own', async () => {
    const outer = new Hono()
    outer.use('*', async (c, next) => {
      c.header('X-Outer', 'kept')
      await next()
    })
    outer.route('/', atelierApi(atelier, { publicUrl: PUBLIC_URL }))
    for (const [init, status] of [
      [{ headers: { Authorization: auth } }, 200],
      [{}, 401],
    ] as const) {
      const res = await outer.request(path, init)
      expect(res.status).toBe(status)
      expect(res.headers.get('X-Outer')).toBe('kept')
      expectApiHeaders(res)
    }
  })
})
