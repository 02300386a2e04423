import { describe, expect, it } from 'vitest'
import { etag, expectOk, expectProblem, type RouteContext } from './context.js'

export function projectRoutes(ctx: () => RouteContext) {
  describe('projects', () => {
    let id = ''

    it('creates a project in requirements with Location and ETag "1"', async () => {
      const { call, sk, a } = ctx()
      expectProblem(
        await call('POST', '/v1/projects', { ...sk, json: { clientId: a.client1 } }),
        400,
        'invalid_input',
      )
      expectProblem(
        await call('POST', '/v1/projects', {
          ...sk,
          json: { clientId: 'cli_00000000000000000000000000', title: 'x' },
        }),
        404,
        'not_found',
      )
      const reply = await call('POST', '/v1/projects', {
        ...sk,
        json: { clientId: a.client1, title: '茶包装', confidentiality: 'strict' },
      })
      const project = expectOk(reply, 201)
      id = project.id
      expect(project).toMatchObject({ state: 'requirements', viewer: 'staff', version: 1 })
      expect(reply.headers.get('Location')).toBe(`/v1/projects/${id}`)
      expect(etag(reply)).toBe(1)
    })

    it('lists with stage and client filters', async () => {
      const { call, sk, a } = ctx()
      const inAftercare = expectOk(await call('GET', '/v1/projects?stage=aftercare', sk)).items
      expect(inAftercare.map((p: { id: string }) => p.id)).toContain(a.p1)
      expect(inAftercare.every((p: { state: string }) => p.state === 'aftercare')).toBe(true)
      const mine = expectOk(
        await call('GET', `/v1/projects?clientId=${a.client1}&limit=100`, sk),
      ).items
      expect(mine.map((p: { id: string }) => p.id)).toEqual(
        expect.arrayContaining([a.p1, a.p2, id]),
      )
      const bad = expectProblem(
        await call('GET', '/v1/projects?stage=done', sk),
        400,
        'invalid_input',
      )
      expect(bad.fields[0].path).toBe('query.stage')
    })

    it('reads with ETag and 304; changes the brief under If-Match', async () => {
      const { call, sk } = ctx()
      const read = await call('GET', `/v1/projects/${id}`, sk)
      expect(etag(read)).toBe(1)
      expect(
        (await call('GET', `/v1/projects/${id}`, { ...sk, headers: { 'If-None-Match': '"1"' } }))
          .status,
      ).toBe(304)
      const path = `/v1/projects/${id}`
      const json = { brief: { goals: '更年轻', internalNotes: 'budget is soft' } }
      expectProblem(await call('PATCH', path, { ...sk, json }), 428, 'precondition_required')
      expectProblem(
        await call('PATCH', path, { ...sk, json: { colour: 'red' }, ifMatch: 1 }),
        400,
        'invalid_input',
      )
      const changed = await call('PATCH', path, { ...sk, json, ifMatch: 1 })
      expect(expectOk(changed).brief).toMatchObject(json.brief)
      expect(etag(changed)).toBe(2)
      expectProblem(await call('PATCH', path, { ...sk, json, ifMatch: 1 }), 412, 'version_mismatch')
    })

    it('checks a move without making it, naming the gate that would refuse it', async () => {
      const { call, sk } = ctx()
      const before = etag(await call('GET', `/v1/projects/${id}`, sk))
      const check = expectOk(await call('GET', `/v1/projects/${id}/moves?to=research`, sk))
      expect(check).toMatchObject({ ok: false, code: 'gate_failed', gate: 'brief_complete' })
      const cancel = expectOk(
        await call('GET', `/v1/projects/${id}/moves?to=cancelled&reason=budget`, sk),
      )
      expect(cancel).toMatchObject({ ok: true, move: { from: 'requirements', to: 'cancelled' } })
      expect(expectOk(await call('GET', `/v1/projects/${id}/moves?to=delivery`, sk)).code).toBe(
        'conflict',
      )
      expectProblem(await call('GET', `/v1/projects/${id}/moves`, sk), 400, 'invalid_input')
      expect(etag(await call('GET', `/v1/projects/${id}`, sk))).toBe(before)
    })

    it('refuses a move whose gate fails with 409 gate_failed naming the gate', async () => {
      const { call, sk } = ctx()
      const refused = expectProblem(
        await call('POST', `/v1/projects/${id}/moves`, {
          ...sk,
          json: { to: 'research' },
          ifMatch: 2,
        }),
        409,
        'gate_failed',
      )
      expect(refused.gate).toBe('brief_complete')
      expectProblem(
        await call('POST', `/v1/projects/${id}/moves`, {
          ...sk,
          json: { to: 'nowhere' },
          ifMatch: 2,
        }),
        400,
        'invalid_input',
      )
      expectProblem(
        await call('POST', `/v1/projects/${id}/submissions`, { ...sk, json: {}, ifMatch: 2 }),
        409,
        'conflict',
      )
      expectProblem(
        await call('POST', `/v1/projects/${id}/delivery`, {
          ...sk,
          json: { method: 'download', licence: 'x' },
          ifMatch: 2,
        }),
        409,
        'conflict',
      )
    })

    it('adds notes: client notes reach the tracker, internal ones never', async () => {
      const { call, sk, ct } = ctx()
      expectProblem(
        await call('POST', `/v1/projects/${id}/notes`, { ...sk, json: { text: '' } }),
        400,
        'invalid_input',
      )
      expect(
        (
          await call('POST', `/v1/projects/${id}/notes`, {
            ...sk,
            json: { text: '样稿下周一', visibility: 'client' },
          })
        ).status,
      ).toBe(204)
      expect(
        (await call('POST', `/v1/projects/${id}/notes`, { ...sk, json: { text: '报价偏低' } }))
          .status,
      ).toBe(204)
      const tracker = await call('GET', `/v1/client/projects/${id}/activity`, ct)
      expect(tracker.text).toContain('样稿下周一')
      expect(tracker.text).not.toContain('报价偏低')
    })

    it('cancels with a reason', async () => {
      const { call, sk } = ctx()
      const version = etag(await call('GET', `/v1/projects/${id}`, sk))
      const json = { to: 'cancelled', reason: 'budget cut' }
      const moved = expectOk(
        await call('POST', `/v1/projects/${id}/moves`, { ...sk, json, ifMatch: version }),
      )
      expect(moved.state).toBe('cancelled')
    })
  })
}
