import { describe, expect, it } from 'vitest'
import { tokenOfLink } from '../support/http-journey.js'
import { PUBLIC_URL } from '../support/world.js'
import { expectOk, expectProblem, type RouteContext } from './context.js'

export function signoffRoutes(ctx: () => RouteContext) {
  describe('sign-offs (studio side)', () => {
    let link = ''
    let id = ''

    it('creates a sign-off for exact files; the link is returned once', async () => {
      const { call, sk, a } = ctx()
      const path = `/v1/projects/${a.p2}/signoffs`
      expectProblem(
        await call('POST', path, { ...sk, json: { purpose: 'review', files: [] } }),
        400,
        'invalid_input',
      )
      const missing = { purpose: 'review', files: [{ deliverableId: a.conceptId, version: 7 }] }
      expect(
        expectProblem(await call('POST', path, { ...sk, json: missing }), 400, 'invalid_input')
          .fields[0].path,
      ).toBe('files.0')
      const created = expectOk(
        await call('POST', path, {
          ...sk,
          json: { purpose: 'review', files: [{ deliverableId: a.conceptId, version: 1 }] },
        }),
        201,
      )
      expect(created.link).toMatch(new RegExp(`^${PUBLIC_URL}/s/atl_so_[A-Za-z0-9_-]{43}$`))
      expect(created.signoff).toMatchObject({ purpose: 'review', status: 'pending' })
      expect(created.signoff.files[0].sha256).toMatch(/^[0-9a-f]{64}$/)
      link = created.link
      id = created.signoff.id
      const list = await call('GET', path, sk)
      expect(expectOk(list).items.map((s: { id: string }) => s.id)).toContain(id)
      expect(list.text).not.toMatch(/tokenHash|atl_so_/)
    })

    it('lets the link holder read the sign-off and its files, and nothing else', async () => {
      const { call, a } = ctx()
      const holder = { token: tokenOfLink(link) }
      const view = expectOk(await call('GET', '/v1/signoff', holder))
      expect(view.signoff).toMatchObject({ id, status: 'pending' })
      expect(view.project.viewer).toBe('signer')
      expect(view.project).not.toHaveProperty('activity')
      expect(view.project).not.toHaveProperty('brief')
      const file = await call('GET', `/v1/signoff/files/${a.conceptId}/1`, holder)
      expect(file.status).toBe(200)
      expect(file.headers.get('Content-Disposition')).toContain(
        "filename*=UTF-8''%E6%B5%B7%E6%8A%A5.pdf",
      )
      expectProblem(await call('GET', `/v1/signoff/files/${a.logoId}/3`, holder), 404, 'not_found')
      expectProblem(
        await call('GET', '/v1/signoff', { token: `atl_so_${'x'.repeat(43)}` }),
        401,
        'unauthorized',
      )
    })

    it('revokes a pending sign-off: its link answers 410 revoked; a decided one cannot be', async () => {
      const { call, sk, a } = ctx()
      expect(expectOk(await call('POST', `/v1/signoffs/${id}/revoke`, sk)).status).toBe('revoked')
      const gone = expectProblem(
        await call('GET', '/v1/signoff', { token: tokenOfLink(link) }),
        410,
        'gone',
      )
      expect(gone.reason).toBe('revoked')
      const decided = (await ctx().world.atelier.signoffs.list(a.scope, a.p1)).find(
        (s) => s.status === 'approved',
      )!
      expectProblem(await call('POST', `/v1/signoffs/${decided.id}/revoke`, sk), 409, 'conflict')
      expectProblem(
        await call('POST', '/v1/signoffs/sgn_00000000000000000000000000/revoke', sk),
        404,
        'not_found',
      )
    })
  })
}
