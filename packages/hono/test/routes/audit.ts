import { verifyAuditChain } from '@atelier/core'
import { describe, expect, it } from 'vitest'
import { expectOk, expectProblem, type RouteContext } from './context.js'

export function auditRoutes(ctx: () => RouteContext) {
  describe('audit chain and access log', () => {
    it('serves the chain, which verifies locally and on the server', async () => {
      const { call, sk, a } = ctx()
      const events = expectOk(await call('GET', `/v1/projects/${a.p1}/audit`, sk)).items
      expect(events.length).toBeGreaterThan(20)
      expect(events.some((e: { visibility: string }) => e.visibility === 'internal')).toBe(true)
      expect(verifyAuditChain(events)).toMatchObject({ valid: true, count: events.length })
      expect(
        expectOk(await call('GET', `/v1/projects/${a.p1}/audit/verification`, sk)),
      ).toMatchObject({ valid: true })
    })

    it('logs client views and downloads of strict projects, newest first', async () => {
      const { call, sk, ct, a, world } = ctx()
      const scope = a.scope
      const p1 = await world.atelier.projects.get(scope, a.p1)
      await world.atelier.projects.update(scope, {
        id: a.p1,
        version: p1.version,
        confidentiality: 'strict',
      })
      expectOk(await call('GET', `/v1/client/projects/${a.p1}`, ct))
      expect((await call('GET', `/v1/client/files/${a.logoId}/3`, ct)).status).toBe(200)
      const log = expectOk(await call('GET', `/v1/projects/${a.p1}/access-log?limit=2`, sk)).items
      expect(log.map((e: { action: string }) => e.action)).toEqual(['download', 'view'])
      expect(log[0]).toMatchObject({
        viewer: { kind: 'client', id: a.client1 },
        file: { deliverableId: a.logoId, version: 3 },
      })
      expectProblem(
        await call('GET', `/v1/projects/${a.p1}/access-log?limit=x`, sk),
        400,
        'invalid_input',
      )
      const back = await world.atelier.projects.get(scope, a.p1)
      await world.atelier.projects.update(scope, {
        id: a.p1,
        version: back.version,
        confidentiality: 'standard',
      })
    })
  })
}
