import { describe, expect, it } from 'vitest'
import { seed } from './support/scenario.js'
import { createWorld, ORIGIN_A, PUBLIC_URL } from './support/world.js'

describe('CORS per studio and security headers', async () => {
  const world = createWorld()
  const { call } = world
  const s = await world.studio('Studio 山海', { allowedOrigins: [ORIGIN_A] })
  const pk = (await world.atelier.credentials.createKey(s.scope, { kind: 'publishable' })).token
  const path = `/v1/studios/${s.studioId}/public-keys`

  it('answers preflights with the origin named back, never *', async () => {
    const res = await world.app.request('/v1/client/projects', {
      method: 'OPTIONS',
      headers: {
        Origin: ORIGIN_A,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN_A)
    expect(res.headers.get('Access-Control-Allow-Headers')).toMatch(/Authorization/)
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull()
    const junk = await world.app.request('/v1/studio', {
      method: 'OPTIONS',
      headers: { Origin: 'null', 'Access-Control-Request-Method': 'GET' },
    })
    expect(junk.status).toBe(403)
  })

  it("grants credentialed requests only to the studio's allowed origins and its own site", async () => {
    const allowed = await call('GET', '/v1/studio', { token: s.sk, headers: { Origin: ORIGIN_A } })
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN_A)
    expect(allowed.headers.get('Vary')).toMatch(/Origin/)
    const own = await call('GET', '/v1/studio', { token: s.sk, headers: { Origin: PUBLIC_URL } })
    expect(own.headers.get('Access-Control-Allow-Origin')).toBe(PUBLIC_URL)
    const foreign = await call('GET', '/v1/studio', {
      token: s.sk,
      headers: { Origin: 'https://evil.example' },
    })
    expect([foreign.status, foreign.json.code]).toEqual([403, 'forbidden'])
    expect(foreign.headers.get('Access-Control-Allow-Origin')).toBeNull()
  })

  it('accepts a publishable key only from an allowed origin', async () => {
    expect((await call('GET', path, { token: pk, headers: { Origin: ORIGIN_A } })).status).toBe(200)
    expect((await call('GET', path, { token: pk })).status).toBe(403)
    expect(
      (await call('GET', path, { token: pk, headers: { Origin: 'https://evil.example' } })).status,
    ).toBe(403)
  })

  it('gives * only to requests that carry no credential', async () => {
    const open = await call('GET', path, { headers: { Origin: 'https://anyone.example' } })
    expect(open.headers.get('Access-Control-Allow-Origin')).toBe('*')
  })

  it('sends security headers; relaxes CORP only on embeddable public data', async () => {
    const api = await call('GET', '/v1/studio', { token: s.sk })
    expect(api.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(api.headers.get('Content-Security-Policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    )
    expect(api.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin')
    expect(api.headers.get('X-Frame-Options')).toBe('DENY')
    expect(api.headers.get('Cache-Control')).toBe('no-store')
    expect(api.headers.get('Strict-Transport-Security')).toMatch(/max-age=/)
    expect(api.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/)
    const open = await call('GET', path)
    expect(open.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin')
    const error = await call('GET', '/v1/nothing-here')
    expect(error.headers.get('X-Content-Type-Options')).toBe('nosniff')
  })

  it('keeps a well-formed X-Request-Id and replaces a hostile one', async () => {
    const kept = await call('GET', '/v1/studio', {
      token: s.sk,
      headers: { 'X-Request-Id': 'req-42' },
    })
    expect(kept.headers.get('X-Request-Id')).toBe('req-42')
    const replaced = await call('GET', '/v1/studio', {
      token: s.sk,
      headers: { 'X-Request-Id': '<script>' },
    })
    expect(replaced.headers.get('X-Request-Id')).not.toBe('<script>')
  })
})

describe('CORS for sign-off and share links', async () => {
  const world = createWorld()
  const { call } = world
  const { a, b } = await seed(world)

  it('serves a link from the origins of the studio it belongs to, so studios can embed <project-signoff>', async () => {
    for (const [path, token] of [
      ['/v1/signoff', a.so.token],
      ['/v1/shared', a.sg],
    ] as const) {
      const embedded = await call('GET', path, { token, headers: { Origin: ORIGIN_A } })
      expect([path, embedded.status]).toEqual([path, 200])
      expect(embedded.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN_A)
      const own = await call('GET', path, { token, headers: { Origin: PUBLIC_URL } })
      expect(own.headers.get('Access-Control-Allow-Origin')).toBe(PUBLIC_URL)
      const foreign = await call('GET', path, {
        token,
        headers: { Origin: 'https://evil.example' },
      })
      expect([path, foreign.status, foreign.json.code]).toEqual([path, 403, 'forbidden'])
      expect(foreign.headers.get('Access-Control-Allow-Origin')).toBeNull()
    }
  })

  it("refuses another studio's allowed origin, and a link nobody issued", async () => {
    // Studio B never allowed Studio A's site.
    for (const [path, token] of [
      ['/v1/signoff', b.so],
      ['/v1/shared', b.sg],
    ] as const) {
      const res = await call('GET', path, { token, headers: { Origin: ORIGIN_A } })
      expect([path, res.status, res.json.code]).toEqual([path, 403, 'forbidden'])
    }
    const unknown = `atl_so_${'A'.repeat(43)}`
    const res = await call('GET', '/v1/signoff', { token: unknown, headers: { Origin: ORIGIN_A } })
    expect([res.status, res.json.code]).toEqual([401, 'unauthorized'])
    expect((await call('GET', '/v1/signoff', { token: unknown })).status).toBe(401)
  })
})
