import { describe, expect, it } from 'vitest'
import { tokenOfLink } from '../support/http-journey.js'
import { PUBLIC_URL } from '../support/world.js'
import { expectOk, expectProblem, type RouteContext } from './context.js'

const fragment = (link: string) => link.slice(link.indexOf('#t=') + 3)

export function sharingRoutes(ctx: () => RouteContext) {
  describe('sharing and portfolio consent', () => {
    it('shares files with a printer only after the client consents; revocation ends it', async () => {
      const { call, sk, a } = ctx()
      const path = `/v1/projects/${a.p1}/shares`
      const files = [{ deliverableId: a.logoId, version: 3 }]
      expectProblem(
        await call('POST', path, { ...sk, json: { party: { name: 'P' }, email: 'bad', files } }),
        400,
        'invalid_input',
      )
      const shared = expectOk(
        await call('POST', path, {
          ...sk,
          json: { party: { name: '印刷厂' }, email: 'p@example.com', files },
        }),
        201,
      )
      expect(shared.link).toMatch(new RegExp(`^${PUBLIC_URL}/shared#t=atl_sg_`))
      expect(shared.consentLink).toMatch(new RegExp(`^${PUBLIC_URL}/s/atl_so_`))
      expect(shared).not.toHaveProperty('ndaLink')
      const party = { token: fragment(shared.link) }
      expectProblem(await call('GET', '/v1/shared', party), 403, 'forbidden')
      expectOk(
        await call('POST', '/v1/signoff/decision', {
          token: tokenOfLink(shared.consentLink),
          json: { outcome: 'approved', name: '李明' },
        }),
      )
      const view = expectOk(await call('GET', '/v1/shared', party))
      expect(view.viewer).toBe('third_party')
      expect(view.deliverables[0].versions.map((v: { n: number }) => v.n)).toEqual([3])
      const download = await call('GET', `/v1/shared/files/${a.logoId}/3`, party)
      expect(download.status).toBe(200)
      expectProblem(await call('GET', `/v1/shared/files/${a.logoId}/1`, party), 404, 'not_found')
      const list = await call('GET', path, sk)
      expect(
        expectOk(list).items.some(
          (g: { id: string; status: string }) => g.id === shared.grant.id && g.status === 'active',
        ),
      ).toBe(true)
      expect(list.text).not.toMatch(/tokenHash|atl_sg_/)
      expect(expectOk(await call('DELETE', `/v1/shares/${shared.grant.id}`, sk)).status).toBe(
        'revoked',
      )
      expect(expectProblem(await call('GET', '/v1/shared', party), 410, 'gone').reason).toBe(
        'revoked',
      )
    })

    it('asks for portfolio consent; the client grants it in the tracker and may withdraw it', async () => {
      const { call, sk, ct, a } = ctx()
      const path = `/v1/projects/${a.p1}/portfolio-consents`
      expectProblem(
        await call('POST', path, { ...sk, json: { scope: ['tv'] } }),
        400,
        'invalid_input',
      )
      const asked = expectOk(
        await call('POST', path, {
          ...sk,
          json: { scope: ['website', 'awards'], embargoUntil: '2027-06-01' },
        }),
        201,
      )
      expect(asked.consent.status).toBe('pending')
      expectProblem(
        await call('DELETE', `/v1/portfolio-consents/${asked.consent.id}`, sk),
        409,
        'conflict',
      )
      const opened = expectOk(
        await call('GET', `/v1/client/signoffs/${asked.consent.signoffId}`, ct),
      )
      expect(opened.signoff.portfolio).toEqual({
        scope: ['website', 'awards'],
        embargoUntil: '2027-06-01',
      })
      expectOk(
        await call('POST', `/v1/client/signoffs/${asked.consent.signoffId}/decision`, {
          ...ct,
          json: { outcome: 'approved', name: '李明' },
        }),
      )
      const list = expectOk(await call('GET', path, sk)).items
      expect(list.find((c: { id: string }) => c.id === asked.consent.id).status).toBe('granted')
      expect(
        expectOk(await call('DELETE', `/v1/client/portfolio-consents/${asked.consent.id}`, ct))
          .status,
      ).toBe('revoked')
      expect(
        expectOk(await call('DELETE', `/v1/portfolio-consents/${a.consentId}`, sk)).status,
      ).toBe('revoked')
    })
  })
}
