import { describe, expect, it } from 'vitest'
import { type RequestLog, redactPath } from '../src/index.js'
import { createWorld } from './support/world.js'

describe('structured request logs', () => {
  it('redacts tokens and sign-off link segments from paths', () => {
    const token = `atl_so_${'a'.repeat(43)}`
    expect(redactPath(`/s/${token}`)).toBe('/s/[redacted]')
    expect(redactPath(`/crm/s/${token}?utm=x`)).toBe('/crm/s/[redacted]')
    expect(redactPath(`/v1/x/${token}/y`)).toBe('/v1/x/atl_so_[redacted]/y')
    expect(redactPath('/v1/studios/std_1/public-keys')).toBe('/v1/studios/std_1/public-keys')
  })

  it('logs one entry per request, never a credential, with status and duration', async () => {
    const entries: RequestLog[] = []
    const world = createWorld({ logger: (e) => entries.push(e) })
    const s = await world.studio('S')
    const ok = await world.call('GET', '/v1/studio', {
      token: s.sk,
      headers: { 'X-Request-Id': 'trace-1' },
    })
    await world.call('GET', `/s/atl_so_${'b'.repeat(43)}`)
    await world.call('GET', '/v1/studio', { token: `atl_sk_${'c'.repeat(43)}` })
    expect(ok.status).toBe(200)
    const mine = entries.filter((e) => e.path !== '/openapi.json')
    expect(mine).toHaveLength(3)
    expect(mine[0]).toMatchObject({
      requestId: 'trace-1',
      method: 'GET',
      path: '/v1/studio',
      status: 200,
      credential: 'secret_key',
      studioId: s.studioId,
    })
    expect(mine[0]!.durationMs).toBeGreaterThanOrEqual(0)
    expect(mine[1]).toMatchObject({ path: '/s/[redacted]', status: 404 })
    expect(mine[2]).toMatchObject({ status: 401 })
    const all = JSON.stringify(entries)
    expect(all).not.toMatch(/atl_(sk|so)_[A-Za-z0-9]{10}|Bearer|Authorization/)
  })

  it('reports an unexpected error as a generic 500 problem and logs its message, never a stack', async () => {
    const entries: RequestLog[] = []
    const world = createWorld({ logger: (e) => entries.push(e) })
    const s = await world.studio('S')
    world.atelier.studios.get = async () => {
      throw new TypeError('storage exploded')
    }
    const res = await world.app.request('/v1/studio', {
      headers: { Authorization: `Bearer ${s.sk}` },
    })
    expect(res.status).toBe(500)
    const body = await res.json()
    expect(body).toMatchObject({ code: 'internal', status: 500 })
    expect(JSON.stringify(body)).not.toMatch(/storage exploded|at /)
    expect(entries[0]).toMatchObject({
      status: 500,
      error: { name: 'TypeError', message: 'storage exploded' },
    })
  })
})
