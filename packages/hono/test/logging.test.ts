import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { createAtelier, memoryStorage } from '@atelier/core'
import { serve } from '@hono/node-server'
import { describe, expect, it } from 'vitest'
import { atelierApi, type RequestLog, redactPath } from '../src/index.js'
import { createWorld } from './support/world.js'

describe('structured request logs', () => {
  it('redacts tokens and sign-off link segments from paths', () => {
    const token = `atl_so_${'a'.repeat(43)}`
    expect(redactPath(`/s/${token}`)).toBe('/s/[redacted]')
    expect(redactPath(`/crm/s/${token}?utm=x`)).toBe('/crm/s/[redacted]')
    expect(redactPath(`/v1/x/${token}/y`)).toBe('/v1/x/atl_so_[redacted]/y')
    expect(redactPath(`/v1/x/atl_iv_${'c'.repeat(43)}`)).toBe('/v1/x/atl_iv_[redacted]')
    expect(redactPath('/v1/studios/std_1/public-keys')).toBe('/v1/studios/std_1/public-keys')
    expect(redactPath('/auth/reset-password/AbC123xyz?callbackURL=/x')).toBe(
      '/auth/reset-password/[redacted]',
    )
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

  it('logs an upload the client abandoned half-way as 499, not as a server error', async () => {
    const entries: RequestLog[] = []
    let logged: () => void = () => {}
    const written = new Promise<void>((resolve) => {
      logged = resolve
    })
    const atelier = createAtelier({ storage: memoryStorage() })
    const app = atelierApi(atelier, {
      publicUrl: 'https://studio.example',
      logger: (entry) => {
        entries.push(entry)
        logged()
      },
    })
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((resolve) => server.once('listening', resolve))
    try {
      const studio = await atelier.studios.create({ name: 'Studio' })
      const scope = {
        studioId: studio.id,
        actor: { kind: 'staff', id: 'me', label: 'Me' },
      } as const
      const sk = (await atelier.credentials.createKey(scope, { kind: 'secret' })).token
      const client = await atelier.clients.create(scope, { name: 'c' })
      const project = await atelier.projects.create(scope, { clientId: client.id, title: 'p' })
      const d = await atelier.deliverables.create(scope, {
        projectId: project.id,
        kind: 'design',
        title: 'd',
      })
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1')
      await new Promise((resolve) => socket.once('connect', resolve))
      socket.write(
        [
          `POST /v1/deliverables/${d.id}/versions?filename=a.png HTTP/1.1`,
          'Host: 127.0.0.1',
          `Authorization: Bearer ${sk}`,
          'Content-Type: image/png',
          'Content-Length: 1000000',
          '',
          '',
        ].join('\r\n'),
      )
      socket.write(new Uint8Array(100_000))
      // Gone before the rest: the server is still reading the body when the socket closes.
      socket.on('error', () => {})
      await new Promise((resolve) => setImmediate(resolve))
      socket.destroy()
      await written
      expect(entries).toHaveLength(1)
      expect(entries[0]).toMatchObject({ method: 'POST', status: 499, credential: 'secret_key' })
      expect(entries[0]).not.toHaveProperty('error')
      expect(await atelier.deliverables.list(scope, project.id)).toMatchObject([{ versions: [] }])
    } finally {
      ;(server as Server).closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
