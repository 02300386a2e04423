import { describe, expect, it } from 'vitest'
import { tokenOfLink } from '../support/http-journey.js'
import { etag, expectOk, expectProblem, type RouteContext } from './context.js'

/** A project in production with one client-visible design version, over HTTP. */
export async function inProduction(ctx: RouteContext) {
  const { call, sk, a } = ctx
  const project = expectOk(
    await call('POST', '/v1/projects', { ...sk, json: { clientId: a.client1, title: 'Rounds' } }),
    201,
  )
  const path = `/v1/projects/${project.id}`
  const version = async () => etag(await call('GET', path, sk))
  const brief = {
    goals: 'g',
    audience: 'a',
    style: 's',
    usage: ['digital'],
    deliverableTypes: ['logo'],
    budget: { amount: 1, currency: 'CNY' },
    deadline: '2027-05-01',
  }
  await call('PATCH', path, { ...sk, json: { brief }, ifMatch: 1 })
  await call('POST', `${path}/moves`, {
    ...sk,
    json: { to: 'proposal', reason: 'known market' },
    ifMatch: await version(),
  })
  const concept = expectOk(
    await call('POST', `${path}/deliverables`, { ...sk, json: { kind: 'proposal', title: 'C' } }),
    201,
  )
  await call('POST', `/v1/deliverables/${concept.id}/versions?filename=c.png`, {
    ...sk,
    body: new Uint8Array([1]),
    headers: { 'Content-Type': 'image/png' },
  })
  const proposal = expectOk(
    await call('POST', `${path}/signoffs`, {
      ...sk,
      json: { purpose: 'proposal', files: [{ deliverableId: concept.id, version: 1 }] },
    }),
    201,
  )
  await call('POST', '/v1/signoff/decision', {
    token: tokenOfLink(proposal.link),
    json: { outcome: 'approved', name: '李明' },
  })
  expectOk(
    await call('POST', `${path}/moves`, {
      ...sk,
      json: { to: 'production' },
      ifMatch: await version(),
    }),
  )
  const design = expectOk(
    await call('POST', `${path}/deliverables`, { ...sk, json: { kind: 'design', title: 'D' } }),
    201,
  )
  await call('POST', `/v1/deliverables/${design.id}/versions?filename=d.png`, {
    ...sk,
    body: new Uint8Array([2]),
    headers: { 'Content-Type': 'image/png' },
  })
  return { id: project.id as string, designId: design.id as string }
}

export function revisionRoutes(ctx: () => RouteContext) {
  describe('revision rounds', () => {
    let project = { id: '', designId: '' }
    let round = { id: '', version: 0, items: [] as { id: string }[] }

    it('opens a round for the client and lists it with its version', async () => {
      const { call, sk } = ctx()
      project = await inProduction(ctx())
      const path = `/v1/projects/${project.id}/rounds`
      expectProblem(await call('POST', path, { ...sk, json: { items: [] } }), 400, 'invalid_input')
      const opened = await call('POST', path, {
        ...sk,
        json: { items: [{ text: '字体换成宋体' }] },
      })
      const body = expectOk(opened, 201)
      expect(body.project.state).toBe('revision')
      expect(body.round).toMatchObject({ n: 1, status: 'open', billable: false, version: 1 })
      expect(etag(opened)).toBe(1)
      const list = expectOk(await call('GET', path, sk))
      round = list.items[0]
      expect(round.id).toBe(body.round.id)
      expectProblem(
        await call('POST', path, { ...sk, json: { items: [{ text: 'again' }] } }),
        409,
        'conflict',
      )
    })

    it('adds items and resolves them under If-Match', async () => {
      const { call, sk } = ctx()
      const items = `/v1/rounds/${round.id}/items`
      expectProblem(
        await call('POST', items, { ...sk, json: { items: [{ text: 'x' }] } }),
        428,
        'precondition_required',
      )
      const added = await call('POST', items, {
        ...sk,
        json: {
          items: [
            {
              text: '留白多一点',
              file: { deliverableId: project.designId, version: 1 },
              pin: { x: 0.2, y: 0.9 },
            },
          ],
        },
        ifMatch: 1,
      })
      expect(expectOk(added).items).toHaveLength(2)
      expect(etag(added)).toBe(2)
      expectProblem(
        await call('POST', items, {
          ...sk,
          json: { items: [{ text: 'x', pin: { x: 2, y: 0 } }] },
          ifMatch: 2,
        }),
        400,
        'invalid_input',
      )
      const first = expectOk(added).items[0].id
      const resolution = `/v1/rounds/${round.id}/items/${first}/resolution`
      expectProblem(
        await call('POST', resolution, {
          ...sk,
          json: { status: 'declined', note: 'no' },
          ifMatch: 1,
        }),
        412,
        'version_mismatch',
      )
      const bad = expectProblem(
        await call('POST', resolution, {
          ...sk,
          json: { status: 'addressed', note: 'done' },
          ifMatch: 2,
        }),
        400,
        'invalid_input',
      )
      expect(bad.fields[0].path).toBe('inVersion')
      const resolved = expectOk(
        await call('POST', resolution, {
          ...sk,
          json: { status: 'declined', note: '宋体不适合屏幕' },
          ifMatch: 2,
        }),
      )
      expect(resolved.summary).toMatchObject({ total: 2, declined: 1, open: 1 })
      expectProblem(
        await call(
          'POST',
          `/v1/rounds/${round.id}/items/itm_00000000000000000000000000/resolution`,
          { ...sk, json: { status: 'declined', note: 'x' }, ifMatch: 3 },
        ),
        404,
        'not_found',
      )
    })

    it('quotes only billable rounds awaiting a quote', async () => {
      const { call, sk } = ctx()
      const json = { scope: ['x'], days: 1, fee: { amount: 100, currency: 'CNY' } }
      expectProblem(
        await call('POST', `/v1/rounds/${round.id}/quote`, { ...sk, json, ifMatch: 3 }),
        409,
        'conflict',
      )
    })
  })
}
