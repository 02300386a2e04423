import { describe, expect, it } from 'vitest'
import { createWorld } from './support/world.js'

describe('body limits and rate limits', () => {
  it('refuses JSON bodies over maxJsonBytes, by Content-Length and while streaming', async () => {
    const world = createWorld({ maxJsonBytes: 200 })
    const s = await world.studio('S')
    const big = JSON.stringify({ name: 'x'.repeat(300) })
    const byLength = await world.call('POST', '/v1/clients', {
      token: s.sk,
      body: big,
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(big.length) },
    })
    expect([byLength.status, byLength.json.code]).toEqual([413, 'too_large'])
    const stream = new Blob([big]).stream()
    const res = await world.app.request('/v1/clients', {
      method: 'POST',
      headers: { Authorization: `Bearer ${s.sk}`, 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
  })

  it('refuses malformed JSON and other media types without a 500', async () => {
    const world = createWorld()
    const s = await world.studio('S')
    const json = { 'Content-Type': 'application/json' }
    const malformed = await world.call('POST', '/v1/clients', {
      token: s.sk,
      body: '{"name":',
      headers: json,
    })
    expect([malformed.status, malformed.json.code]).toEqual([400, 'invalid_input'])
    const text = await world.call('POST', '/v1/clients', {
      token: s.sk,
      body: 'name=x',
      headers: { 'Content-Type': 'text/plain' },
    })
    expect([text.status, text.json.code]).toEqual([415, 'unsupported_media_type'])
    const array = await world.call('POST', '/v1/clients', { token: s.sk, json: [1, 2] })
    expect([array.status, array.json.code]).toEqual([400, 'invalid_input'])
    const proto = await world.call('POST', '/v1/clients', {
      token: s.sk,
      body: '{"name":"x","__proto__":{"admin":true}}',
      headers: json,
    })
    expect([proto.status, proto.json.fields[0].path]).toEqual([400, '__proto__'])
  })

  it('refuses uploads over maxUploadBytes before reading, and while streaming', async () => {
    const world = createWorld({ maxUploadBytes: 16 })
    const s = await world.studio('S')
    const client = await world.atelier.clients.create(s.scope, { name: 'c' })
    const project = await world.atelier.projects.create(s.scope, {
      clientId: client.id,
      title: 'p',
    })
    const d = await world.atelier.deliverables.create(s.scope, {
      projectId: project.id,
      kind: 'design',
      title: 'd',
    })
    const path = `/v1/deliverables/${d.id}/versions?filename=a.png`
    const headers = { Authorization: `Bearer ${s.sk}`, 'Content-Type': 'image/png' }
    const declared = await world.app.request(path, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': '17' },
      body: new Uint8Array(17),
    })
    expect(declared.status).toBe(413)
    const streamed = await world.app.request(path, {
      method: 'POST',
      headers,
      body: new Blob([new Uint8Array(40)]).stream(),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    expect((await streamed.json()).code).toBe('too_large')
    const fits = await world.app.request(path, {
      method: 'POST',
      headers,
      body: new Uint8Array(16),
    })
    expect(fits.status).toBe(201)
  })

  it('limits each credential per window with 429 and Retry-After; other credentials are unaffected', async () => {
    const world = createWorld({ rateLimit: { max: 3, anonymousMax: 2, windowMs: 60_000 } })
    const s = await world.studio('S')
    const other = (await world.atelier.credentials.createKey(s.scope, { kind: 'secret' })).token
    const statuses = []
    for (let i = 0; i < 4; i++)
      statuses.push((await world.call('GET', '/v1/studio', { token: s.sk })).status)
    expect(statuses).toEqual([200, 200, 200, 429])
    const limited = await world.call('GET', '/v1/studio', { token: s.sk })
    expect(limited.json.code).toBe('rate_limited')
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(limited.headers.get('RateLimit-Remaining')).toBe('0')
    expect((await world.call('GET', '/v1/studio', { token: other })).status).toBe(200)
    world.clock.advance(60_000)
    expect((await world.call('GET', '/v1/studio', { token: s.sk })).status).toBe(200)
  })

  it('counts requests without a valid credential per client IP, never per forged header', async () => {
    let ip = '203.0.113.1'
    const world = createWorld({
      rateLimit: { max: 100, anonymousMax: 2, windowMs: 60_000 },
      clientIp: () => ip,
    })
    const s = await world.studio('S')
    const path = `/v1/studios/${s.studioId}/public-keys`
    const forged = (n: number) => ({ headers: { 'X-Forwarded-For': `10.0.0.${n}` } })
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await world.call('GET', path, forged(i))).status)
    expect(statuses).toEqual([200, 200, 429])
    expect(
      (await world.call('GET', '/v1/studio', { token: `atl_sk_${'x'.repeat(43)}` })).status,
    ).toBe(429)
    ip = '203.0.113.2'
    expect((await world.call('GET', path)).status).toBe(200)
  })

  it('counts an IPv6 client by its /64, and an IPv4-mapped address as the IPv4 one', async () => {
    let ip = '2001:db8:1:2::1'
    const world = createWorld({
      rateLimit: { max: 100, anonymousMax: 2, windowMs: 60_000 },
      clientIp: () => ip,
    })
    const s = await world.studio('S')
    const path = `/v1/studios/${s.studioId}/public-keys`
    const statuses = []
    for (const host of [
      '2001:db8:1:2::1',
      '2001:0db8:0001:0002:ffff:aaaa:bbbb:cccc',
      '2001:db8:1:2::9',
    ]) {
      ip = host
      statuses.push((await world.call('GET', path)).status)
    }
    expect(statuses).toEqual([200, 200, 429])
    ip = '2001:db8:1:3::1'
    expect((await world.call('GET', path)).status).toBe(200)

    const mapped = []
    for (const host of ['198.51.100.7', '::ffff:198.51.100.7', '::FFFF:c633:6407']) {
      ip = host
      mapped.push((await world.call('GET', path)).status)
    }
    expect(mapped).toEqual([200, 200, 429])
  })

  it('trusts X-Forwarded-For only with trustProxy, taking the right-most entry', async () => {
    const world = createWorld({
      rateLimit: { max: 100, anonymousMax: 1, windowMs: 60_000 },
      trustProxy: true,
    })
    const s = await world.studio('S')
    const path = `/v1/studios/${s.studioId}/public-keys`
    const via = (xff: string) => world.call('GET', path, { headers: { 'X-Forwarded-For': xff } })
    expect((await via('1.1.1.1, 198.51.100.1')).status).toBe(200)
    expect((await via('2.2.2.2, 198.51.100.1')).status).toBe(429)
    expect((await via('1.1.1.1, 198.51.100.2')).status).toBe(200)
  })

  it('shares one anonymous bucket per route group when the IP is unknown', async () => {
    const world = createWorld({ rateLimit: { max: 100, anonymousMax: 1, windowMs: 60_000 } })
    const s = await world.studio('S')
    expect(
      (
        await world.call('GET', `/v1/studios/${s.studioId}/public-keys`, {
          headers: { 'X-Forwarded-For': '9.9.9.9' },
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await world.call('GET', `/v1/studios/${s.studioId}/public-keys`, {
          headers: { 'X-Forwarded-For': '8.8.8.8' },
        })
      ).status,
    ).toBe(429)
  })
})
