import { describe, expect, it } from 'vitest'
import { PASSWORD, session } from '../support/member-world.js'
import { expectOk, expectProblem, type RouteContext } from './context.js'

/** The session token a cookie carries (before its signature). */
const tokenOf = (cookie: string) =>
  decodeURIComponent(/session_token=([^;]+)/.exec(cookie)?.[1] ?? '').split('.')[0]!

export function accountRoutes(ctx: () => RouteContext) {
  describe('the signed-in member', () => {
    it('tells who is signed in, and switches between their studios', async () => {
      const { call, world, a, b, sk } = ctx()
      const member = await world.member(a, 'designer', 'Route traveller')
      await world.join(b, member, 'viewer')
      const as = session(member.cookie)
      const me = expectOk(await call('GET', '/v1/me', { headers: { Cookie: member.cookie } }))
      expect(me.user).toEqual({ id: member.userId, email: member.email, name: member.name })
      expect(me.studioId).toBe(a.studioId)
      expect(me.memberships.map((m: { studio: { id: string } }) => m.studio.id).sort()).toEqual(
        [a.studioId, b.studioId].sort(),
      )
      expectProblem(await call('GET', '/v1/me', sk), 403, 'forbidden')
      expectProblem(await call('GET', '/v1/me'), 401, 'unauthorized')

      const json = { studioId: b.studioId }
      const csrf = expectProblem(
        await call('POST', '/v1/session/studio', { headers: { Cookie: member.cookie }, json }),
        403,
        'forbidden',
      )
      expect(csrf.reason).toBe('cross_origin')
      const switched = expectOk(await call('POST', '/v1/session/studio', { ...as, json }))
      expect(switched).toMatchObject({ studio: { id: b.studioId }, member: { role: 'viewer' } })
      expect(expectOk(await call('GET', '/v1/studio', as)).id).toBe(b.studioId)
      expectProblem(
        await call('POST', '/v1/session/studio', {
          ...as,
          json: { studioId: 'std_00000000000000000000000000' },
        }),
        403,
        'forbidden',
      )
      expectProblem(
        await call('POST', '/v1/session/studio', { ...as, json: { studioId: 'nope' } }),
        400,
        'invalid_input',
      )
    })

    it('lists sessions without their tokens, and signs one out at once', async () => {
      const { call, world, a } = ctx()
      const member = await world.member(a, 'viewer', 'Route two devices')
      const other = await world.signIn(member.email, PASSWORD)
      const listing = await call('GET', '/v1/sessions', { headers: { Cookie: member.cookie } })
      const items = expectOk(listing).items as { id: string; current: boolean }[]
      expect(items).toHaveLength(2)
      expect(items.filter((s) => s.current)).toHaveLength(1)
      for (const cookie of [member.cookie, other.cookie]) {
        expect(listing.text).not.toContain(tokenOf(cookie))
      }
      const theirs = items.find((s) => !s.current)!
      const as = session(member.cookie)
      expectProblem(
        await call('DELETE', `/v1/sessions/${theirs.id}`, { headers: { Cookie: member.cookie } }),
        403,
        'forbidden',
      )
      const ended = await call('DELETE', `/v1/sessions/${theirs.id}`, as)
      expect(ended.status).toBe(204)
      expectProblem(
        await call('GET', '/v1/studio', { headers: { Cookie: other.cookie } }),
        401,
        'unauthorized',
      )
      expectProblem(await call('DELETE', `/v1/sessions/${theirs.id}`, as), 404, 'not_found')
      expectOk(await call('GET', '/v1/studio', as))
    })
  })
}
