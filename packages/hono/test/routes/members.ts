import { describe, expect, it } from 'vitest'
import { PASSWORD, session } from '../support/member-world.js'
import { PUBLIC_URL } from '../support/world.js'
import { etag, expectOk, expectProblem, type RouteContext } from './context.js'

export function memberRoutes(ctx: () => RouteContext) {
  describe('members and invitations', () => {
    it('lists members; invites in a role no higher than your own; lists and revokes invitations', async () => {
      const { call, world, a, sk } = ctx()
      const owner = await world.member(a, 'owner', 'Route owner')
      const manager = await world.member(a, 'manager', 'Route manager')
      const listed = expectOk(
        await call('GET', '/v1/members', { headers: { Cookie: owner.cookie } }),
      )
      const ids = listed.items.map((m: { id: string }) => m.id)
      expect(ids).toEqual(expect.arrayContaining([owner.memberId, manager.memberId]))
      expect(expectOk(await call('GET', '/v1/members', sk)).items).toHaveLength(ids.length)
      expectProblem(await call('GET', '/v1/members?removed=maybe', sk), 400, 'invalid_input')

      const email = 'route.invitee@example.com'
      const above = expectProblem(
        await call('POST', '/v1/invitations', {
          ...session(manager.cookie),
          json: { email, role: 'owner' },
        }),
        403,
        'forbidden',
      )
      expect(above.permission).toBe('member.manage')
      const reply = await call('POST', '/v1/invitations', {
        ...session(manager.cookie),
        json: { email: ' Route.Invitee@Example.com ', role: 'designer', name: '新人' },
      })
      const made = expectOk(reply, 201)
      expect(made.token).toMatch(/^atl_iv_[A-Za-z0-9_-]{43}$/)
      expect(made.link).toBe(`${PUBLIC_URL}/join#t=${made.token}`)
      expect(made.invitation).toMatchObject({ email, role: 'designer', status: 'pending' })
      expect(made.invitation.invitedBy).toBe('Route manager')
      expect(reply.text).not.toMatch(/tokenHash/)
      expectProblem(
        await call('POST', '/v1/invitations', {
          ...sk,
          json: { email: owner.email, role: 'viewer' },
        }),
        409,
        'conflict',
      )

      const preview = expectOk(
        await call('POST', '/v1/invitations/preview', { json: { token: made.token } }),
      )
      expect(preview).toMatchObject({ studio: { id: a.studioId }, email, role: 'designer' })
      const listing = await call('GET', '/v1/invitations', session(manager.cookie))
      expect(expectOk(listing).items.map((i: { id: string }) => i.id)).toContain(made.invitation.id)
      expect(listing.text).not.toContain(made.token)

      const revoked = expectOk(
        await call('DELETE', `/v1/invitations/${made.invitation.id}`, session(manager.cookie)),
      )
      expect(revoked.status).toBe('revoked')
      const gone = expectProblem(
        await call('POST', '/v1/invitations/preview', { json: { token: made.token } }),
        410,
        'gone',
      )
      expect(gone.reason).toBe('revoked')
      expectProblem(
        await call('DELETE', '/v1/invitations/inv_00000000000000000000000000', sk),
        404,
        'not_found',
      )
    })

    it('accepts an invitation with a new account, once; the account then signs in to the studio', async () => {
      const { call, world, a, sk } = ctx()
      const email = 'route.joiner@example.com'
      const { token } = expectOk(
        await call('POST', '/v1/invitations', { ...sk, json: { email, role: 'viewer' } }),
        201,
      )
      const missing = expectProblem(
        await call('POST', '/v1/invitations/accept', { json: { token } }),
        400,
        'invalid_input',
      )
      expect(missing.fields.map((f: { path: string }) => f.path)).toEqual(['password', 'name'])
      const joined = expectOk(
        await call('POST', '/v1/invitations/accept', {
          json: { token, password: PASSWORD, name: '新成员' },
        }),
        201,
      )
      expect(joined).toMatchObject({ studioId: a.studioId, member: { role: 'viewer', email } })
      const again = expectProblem(
        await call('POST', '/v1/invitations/accept', { json: { token, password: PASSWORD } }),
        410,
        'gone',
      )
      expect(again.reason).toBe('used')
      const { reply, cookie } = await world.signIn(email, PASSWORD)
      expect(reply.status).toBe(200)
      const studio = expectOk(await call('GET', '/v1/studio', { headers: { Cookie: cookie } }))
      expect(studio.id).toBe(a.studioId)
    })

    it("changes a member's role and removes a member under If-Match; the last owner stays", async () => {
      const { call, world, a } = ctx()
      const members = expectOk(await call('GET', '/v1/members', ctx().sk)).items
      const owners = members.filter((m: { role: string }) => m.role === 'owner')
      expect(owners).toHaveLength(1)
      const owner = await world.signIn(owners[0].email, PASSWORD)
      const target = await world.member(a, 'designer', 'Route target')
      const path = `/v1/members/${target.memberId}`
      const as = session(owner.cookie)
      expectProblem(
        await call('PATCH', path, { ...as, json: { role: 'viewer' } }),
        428,
        'precondition_required',
      )
      const changed = await call('PATCH', path, { ...as, json: { role: 'viewer' }, ifMatch: 1 })
      expect(expectOk(changed).role).toBe('viewer')
      expect(etag(changed)).toBe(2)
      const self = `/v1/members/${owners[0].id}`
      const last = expectProblem(
        await call('PATCH', self, { ...as, json: { role: 'manager' }, ifMatch: owners[0].version }),
        409,
        'conflict',
      )
      expect(last.rule).toBe('last_owner')
      const leave = expectProblem(
        await call('DELETE', self, { ...as, ifMatch: owners[0].version }),
        409,
        'conflict',
      )
      expect(leave.rule).toBe('last_owner')
      expectProblem(await call('DELETE', path, { ...as, ifMatch: 1 }), 412, 'version_mismatch')
      const removed = expectOk(await call('DELETE', path, { ...as, ifMatch: 2 }))
      expect(removed.removedAt).toBeTruthy()
      const all = expectOk(await call('GET', '/v1/members?removed=true', as)).items
      expect(all.map((m: { id: string }) => m.id)).toContain(target.memberId)
      const now = expectOk(await call('GET', '/v1/members', as)).items
      expect(now.map((m: { id: string }) => m.id)).not.toContain(target.memberId)
    })
  })
}
