import { fakeFile } from '@atelier/core/testing'
import { expect } from 'vitest'
import type { Caller, Reply } from './call.js'

/** The token inside a sign-off link `${publicUrl}/s/<token>`. */
export const tokenOfLink = (link: string) => link.slice(link.lastIndexOf('/s/') + 3)

const ok = (reply: Reply, status: number) => {
  if (reply.status !== status)
    throw new Error(`expected ${status}, got ${reply.status}: ${reply.text}`)
  return reply
}

/**
 * Drives one project through all eight stages over HTTP, as `runJourney` does with the
 * service: brief, research skipped, approved proposal, production, an included round with a
 * pinned item, a billable round quoted and accepted by change order, final approval with a
 * receipt, delivery and aftercare.
 */
export async function runHttpJourney(call: Caller, sk: string) {
  const staff = { token: sk }
  const client = ok(
    await call('POST', '/v1/clients', { ...staff, json: { name: '李明', company: '青禾茶饮' } }),
    201,
  ).json
  let project = ok(
    await call('POST', '/v1/projects', {
      ...staff,
      json: {
        clientId: client.id,
        title: '青禾茶饮 brand identity',
        services: ['logo', 'vi'],
        contract: { includedRounds: 1 },
      },
    }),
    201,
  )
  const id = project.json.id as string
  const etag = (r: Reply) => Number(JSON.parse(r.headers.get('ETag')!))
  project = ok(
    await call('PATCH', `/v1/projects/${id}`, {
      ...staff,
      ifMatch: etag(project),
      json: {
        brief: {
          goals: '年轻化的品牌形象',
          audience: '18–30 岁的城市白领',
          style: '清新、自然',
          usage: ['print', 'digital'],
          deliverableTypes: ['logo', 'VI manual'],
          budget: { amount: 4_800_000, currency: 'CNY' },
          deadline: '2027-01-31',
        },
      },
    }),
    200,
  )
  const move = async (to: string, reason?: string) => {
    const current = ok(await call('GET', `/v1/projects/${id}`, staff), 200)
    return ok(
      await call('POST', `/v1/projects/${id}/moves`, {
        ...staff,
        ifMatch: etag(current),
        json: { to, ...(reason && { reason }) },
      }),
      200,
    )
  }
  await move('proposal', '客户已提供竞品调研')
  const deliverable = async (kind: string, title: string) =>
    ok(
      await call('POST', `/v1/projects/${id}/deliverables`, { ...staff, json: { kind, title } }),
      201,
    ).json.id as string
  const upload = async (
    deliverableId: string,
    filename: string,
    label: string,
    type = 'image/png',
  ) =>
    ok(
      await call(
        'POST',
        `/v1/deliverables/${deliverableId}/versions?filename=${encodeURIComponent(filename)}`,
        {
          ...staff,
          body: fakeFile(label) as Uint8Array<ArrayBuffer>,
          headers: { 'Content-Type': type },
        },
      ),
      201,
    ).json
  const concept = await deliverable('proposal', 'Concept A')
  await upload(concept, 'concept-a.pdf', 'concept a', 'application/pdf')
  const proposal = ok(
    await call('POST', `/v1/projects/${id}/signoffs`, {
      ...staff,
      json: { purpose: 'proposal', files: [{ deliverableId: concept, version: 1 }] },
    }),
    201,
  ).json
  const decide = async (link: string, decision: Record<string, unknown>) =>
    ok(
      await call('POST', '/v1/signoff/decision', {
        token: tokenOfLink(link),
        json: { name: '李明', ...decision },
      }),
      200,
    ).json
  await decide(proposal.link, { outcome: 'approved' })
  await move('production')

  const logo = await deliverable('final', 'Logo')
  await upload(logo, 'logo-v1.png', 'logo v1')
  const submit = async () => {
    const current = ok(await call('GET', `/v1/projects/${id}`, staff), 200)
    return ok(
      await call('POST', `/v1/projects/${id}/submissions`, {
        ...staff,
        ifMatch: etag(current),
        json: {},
      }),
      201,
    ).json
  }
  let review = await submit()
  await decide(review.link, {
    outcome: 'changes_requested',
    items: [
      { text: '绿色再深一点', file: { deliverableId: logo, version: 1 }, pin: { x: 0.4, y: 0.3 } },
    ],
  })
  const rounds = async () =>
    ok(await call('GET', `/v1/projects/${id}/rounds`, staff), 200).json.items
  const resolve = async (n: number, version: number, note: string) => {
    const round = (await rounds()).find((r: { n: number }) => r.n === n)
    return ok(
      await call('POST', `/v1/rounds/${round.id}/items/${round.items[0].id}/resolution`, {
        ...staff,
        ifMatch: round.version,
        json: { status: 'addressed', note, inVersion: { deliverableId: logo, version } },
      }),
      200,
    ).json
  }
  await upload(logo, 'logo-v2.png', 'logo v2')
  await resolve(1, 2, '主色改为 #2E6B3F')
  review = await submit()

  await decide(review.link, { outcome: 'changes_requested', comment: '再加一个横版标志' })
  const billable = (await rounds()).find((r: { n: number }) => r.n === 2)
  expect(billable).toMatchObject({ billable: true, status: 'awaiting_quote' })
  const quoted = ok(
    await call('POST', `/v1/rounds/${billable.id}/quote`, {
      ...staff,
      ifMatch: billable.version,
      json: { scope: ['横版标志一套'], days: 3, fee: { amount: 120_000, currency: 'CNY' } },
    }),
    201,
  ).json
  const changeOrder = await decide(quoted.link, { outcome: 'approved' })
  await upload(logo, 'logo-v3.png', 'logo v3')
  await resolve(2, 3, '已加横版')
  review = await submit()
  const approval = await decide(review.link, { outcome: 'approved' })

  const current = ok(await call('GET', `/v1/projects/${id}`, staff), 200)
  ok(
    await call('POST', `/v1/projects/${id}/delivery`, {
      ...staff,
      ifMatch: etag(current),
      json: {
        method: 'download',
        licence: '客户享有标志的全部使用权 — full rights to use the marks',
      },
    }),
    200,
  )
  const final = await move('aftercare')
  return {
    clientId: client.id as string,
    projectId: id,
    conceptId: concept,
    logoId: logo,
    project: final.json,
    finalReceipt: approval.receipt,
    changeOrderReceipt: changeOrder.receipt,
    finalFile: fakeFile('logo v3'),
  }
}
