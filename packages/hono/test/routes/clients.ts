import { describe, expect, it } from 'vitest'
import { PUBLIC_URL } from '../support/world.js'
import { etag, expectOk, expectProblem, type RouteContext } from './context.js'

export function clientRoutes(ctx: () => RouteContext) {
  describe('clients and client tokens', () => {
    it('creates a client with Location and ETag; 400 names the bad field', async () => {
      const { call, sk } = ctx()
      const bad = expectProblem(
        await call('POST', '/v1/clients', { ...sk, json: { name: 'X', email: 'nope' } }),
        400,
        'invalid_input',
      )
      expect(bad.fields).toEqual([{ path: 'email', message: 'must be an email address' }])
      const reply = await call('POST', '/v1/clients', {
        ...sk,
        json: { name: '陈静', company: '山茶' },
      })
      const client = expectOk(reply, 201)
      expect(reply.headers.get('Location')).toBe(`/v1/clients/${client.id}`)
      expect(etag(reply)).toBe(1)
      expect(client).not.toHaveProperty('studioId')
    })

    it('lists clients a page at a time', async () => {
      const { call, sk } = ctx()
      expectProblem(await call('GET', '/v1/clients?limit=0', sk), 400, 'invalid_input')
      const first = expectOk(await call('GET', '/v1/clients?limit=2', sk))
      expect(first.items).toHaveLength(2)
      const second = expectOk(
        await call('GET', `/v1/clients?limit=2&cursor=${first.nextCursor}`, sk),
      )
      const ids = [...first.items, ...second.items].map((c: { id: string }) => c.id)
      expect(new Set(ids).size).toBe(ids.length)
    })

    it('reads and changes a client under If-Match', async () => {
      const { call, sk, a } = ctx()
      const read = await call('GET', `/v1/clients/${a.client1}`, sk)
      expect(expectOk(read).name).toBe('李明')
      const path = `/v1/clients/${a.client1}`
      expectProblem(
        await call('PATCH', path, { ...sk, json: { phone: '+86 138 0000 0000' } }),
        428,
        'precondition_required',
      )
      expectProblem(
        await call('PATCH', path, { ...sk, json: { phone: '+86 138 0000 0000' }, ifMatch: 99 }),
        412,
        'version_mismatch',
      )
      const changed = await call('PATCH', path, {
        ...sk,
        json: { phone: '+86 138 0000 0000' },
        ifMatch: etag(read),
      })
      expect(expectOk(changed).phone).toBe('+86 138 0000 0000')
      expectProblem(
        await call('GET', '/v1/clients/cli_00000000000000000000000000', sk),
        404,
        'not_found',
      )
    })

    it('issues sessions and access links; lists them without hashes; revocation is immediate', async () => {
      const { call, sk, a } = ctx()
      const path = `/v1/clients/${a.client2}/tokens`
      expectProblem(
        await call('POST', path, { ...sk, json: { kind: 'session', ttlSeconds: 90_000 } }),
        400,
        'invalid_input',
      )
      const session = expectOk(await call('POST', path, { ...sk, json: { kind: 'session' } }), 201)
      expect(session.token).toMatch(/^atl_ct_/)
      expect(session).not.toHaveProperty('link')
      const link = expectOk(await call('POST', path, { ...sk, json: { kind: 'access_link' } }), 201)
      expect(link.link).toBe(`${PUBLIC_URL}/track#t=${link.token}`)
      const list = await call('GET', path, sk)
      expect(expectOk(list).items.length).toBeGreaterThanOrEqual(2)
      expect(list.text).not.toMatch(/tokenHash|atl_ct_/)
      expectOk(await call('GET', '/v1/client/projects', { token: link.token }))
      expectOk(await call('DELETE', `/v1/client-tokens/${link.clientToken.id}`, sk))
      expectProblem(
        await call('GET', '/v1/client/projects', { token: link.token }),
        401,
        'unauthorized',
      )
    })

    it('refuses an expired session', async () => {
      const { call, sk, a, world } = ctx()
      const path = `/v1/clients/${a.client2}/tokens`
      const short = expectOk(
        await call('POST', path, { ...sk, json: { kind: 'session', ttlSeconds: 60 } }),
        201,
      )
      expectOk(await call('GET', '/v1/client/projects', { token: short.token }))
      world.clock.advance(61_000)
      expectProblem(
        await call('GET', '/v1/client/projects', { token: short.token }),
        401,
        'unauthorized',
      )
    })
  })
}
