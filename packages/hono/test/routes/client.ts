import { describe, expect, it } from 'vitest'
import { expectOk, expectProblem, type RouteContext } from './context.js'
import { inProduction } from './revisions.js'

export function clientSideRoutes(ctx: () => RouteContext) {
  describe('the client tracker', () => {
    it("lists only the client's own projects, as summaries", async () => {
      const { call, ct, a } = ctx()
      const mine = expectOk(await call('GET', '/v1/client/projects?limit=100', ct)).items
      const ids = mine.map((p: { id: string }) => p.id)
      expect(ids).toEqual(expect.arrayContaining([a.p1, a.p2]))
      expect(mine.every((p: { viewer: string }) => p.viewer === 'client')).toBe(true)
      expect(
        expectOk(await call('GET', '/v1/client/projects?stage=aftercare', ct)).items.map(
          (p: { id: string }) => p.id,
        ),
      ).toEqual([a.p1])
      expect(
        expectOk(await call('GET', '/v1/client/projects', { token: a.ct2.token })).items,
      ).toEqual([])
      expectProblem(await call('GET', '/v1/client/projects?stage=x', ct), 400, 'invalid_input')
    })

    it('shows the tracker view without backstage notes, internal brief notes or versions', async () => {
      const { call, ct, a } = ctx()
      const reply = await call('GET', `/v1/client/projects/${a.p1}`, ct)
      const view = expectOk(reply)
      expect(view).toMatchObject({
        viewer: 'client',
        state: 'aftercare',
        roundsUsage: { used: 2, included: 1, billable: 1 },
      })
      expect(view.stages).toHaveLength(8)
      expect(view).not.toHaveProperty('version')
      expect(view).not.toHaveProperty('accessLog')
      expect(reply.text).not.toContain('INTERNAL-NOTE-A')
      const activity = expectOk(await call('GET', `/v1/client/projects/${a.p1}/activity`, ct)).items
      expect(activity.length).toBeGreaterThan(5)
      expect(JSON.stringify(activity)).not.toMatch(/INTERNAL-NOTE-A|"visibility"/)
      expectProblem(
        await call('GET', `/v1/client/projects/${a.p1}`, { token: a.ct2.token }),
        404,
        'not_found',
      )
    })

    it('downloads client-visible files only', async () => {
      const { call, ct, sk, a } = ctx()
      expect((await call('GET', `/v1/client/files/${a.logoId}/3`, ct)).status).toBe(200)
      const internal = expectOk(
        await call('POST', `/v1/projects/${a.p2}/deliverables`, {
          ...sk,
          json: { kind: 'source', title: 'AI files', visibility: 'internal' },
        }),
        201,
      )
      await call('POST', `/v1/deliverables/${internal.id}/versions?filename=src.ai`, {
        ...sk,
        body: new Uint8Array([9]),
        headers: { 'Content-Type': 'application/postscript' },
      })
      expectProblem(await call('GET', `/v1/client/files/${internal.id}/1`, ct), 404, 'not_found')
    })

    it('opens and decides a sign-off from the tracker; the same decision again is replayed, another is 409', async () => {
      const { call, ct, a } = ctx()
      const path = `/v1/client/signoffs/${a.so.signoff.id}`
      const opened = expectOk(await call('GET', path, ct))
      expect(opened.signoff).toMatchObject({
        id: a.so.signoff.id,
        purpose: 'proposal',
        status: 'pending',
      })
      expectProblem(
        await call('POST', `${path}/decision`, { ...ct, json: { outcome: 'maybe', name: '李明' } }),
        400,
        'invalid_input',
      )
      const decision = { outcome: 'approved', name: '李明' }
      const first = await call('POST', `${path}/decision`, { ...ct, json: decision })
      const body = expectOk(first)
      expect(body.signoff.status).toBe('approved')
      expect(body.receipt.decision.name).toBe('李明')
      expect(body.signoff).not.toHaveProperty('ipHash')
      const again = await call('POST', `${path}/decision`, { ...ct, json: decision })
      expect(again.headers.get('Idempotent-Replayed')).toBe('true')
      expect(expectOk(again).receipt.id).toBe(body.receipt.id)
      const other = expectProblem(
        await call('POST', `${path}/decision`, {
          ...ct,
          json: { outcome: 'declined', name: '李明' },
        }),
        409,
        'conflict',
      )
      expect(other.reason).toBe('decided')
    })

    it('asks for changes from the tracker', async () => {
      const { call, ct, sk, a } = ctx()
      const fresh = expectOk(
        await call('POST', '/v1/projects', { ...sk, json: { clientId: a.client1, title: 'Menu' } }),
        201,
      )
      const path = `/v1/client/projects/${fresh.id}/revision-requests`
      expectProblem(
        await call('POST', path, { ...ct, json: { items: [{ text: '颜色再亮' }] } }),
        409,
        'conflict',
      )
      expectProblem(await call('POST', path, { ...ct, json: { items: 'x' } }), 400, 'invalid_input')
      const ready = await inProduction(ctx())
      const asked = `/v1/client/projects/${ready.id}/revision-requests`
      const pinned = {
        text: '标志放大',
        file: { deliverableId: ready.designId, version: 1 },
        pin: { x: 0.5, y: 0.5 },
      }
      const opened = expectOk(await call('POST', asked, { ...ct, json: { items: [pinned] } }), 201)
      expect(opened.project).toMatchObject({ viewer: 'client', state: 'revision' })
      expect(opened.round).toMatchObject({
        n: 1,
        status: 'open',
        items: [{ text: '标志放大', pin: { x: 0.5, y: 0.5 } }],
      })
      expect(opened.round).not.toHaveProperty('version')
    })
  })
}
