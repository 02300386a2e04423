import { verifyReceipt } from '@atelier/core'
import { fakeFile } from '@atelier/core/testing'
import { describe, expect, it } from 'vitest'
import { proposalProject } from './support/scenario.js'
import { createWorld } from './support/world.js'

describe('sign-off over HTTP', async () => {
  const world = createWorld()
  const { call } = world
  const s = await world.studio('Studio 山海')
  const client = await world.atelier.clients.create(s.scope, { name: '李明' })
  const staff = { token: s.sk }
  const state = async (projectId: string) =>
    JSON.stringify([
      (await call('GET', `/v1/projects/${projectId}/signoffs`, staff)).json,
      (await call('GET', `/v1/projects/${projectId}/audit`, staff)).json,
      (await call('GET', `/v1/projects/${projectId}`, staff)).headers.get('ETag'),
    ])

  it('GET and HEAD ten times each change nothing; then a POST decides and the receipt verifies', async () => {
    const p = await proposalProject(world.atelier, s.scope, client.id, '青禾 logo')
    const holder = { token: p.signoff.token }
    const before = await state(p.project.id)
    for (let i = 0; i < 10; i++) {
      const get = await call('GET', '/v1/signoff', holder)
      expect(get.status).toBe(200)
      expect(get.json.signoff.status).toBe('pending')
      expect((await call('HEAD', '/v1/signoff', holder)).status).toBe(200)
    }
    expect(await state(p.project.id)).toBe(before)

    const decided = await call('POST', '/v1/signoff/decision', {
      ...holder,
      json: { outcome: 'approved', name: '李明' },
      headers: { 'User-Agent': 'mail-client/1.0' },
    })
    expect(decided.status).toBe(200)
    expect(decided.json.signoff).toMatchObject({
      status: 'approved',
      decision: { outcome: 'approved', name: '李明' },
    })
    const receipt = decided.json.receipt
    expect(receipt.files[0].filename).toBe('海报.pdf')
    const keys = (await call('GET', `/v1/studios/${s.studioId}/public-keys`)).json.items
    const verified = await verifyReceipt(receipt, keys, [fakeFile('青禾 logo')])
    expect(verified).toMatchObject({ valid: true, signature: 'valid', unmatched: [] })
    const forgedFile = await verifyReceipt(receipt, keys, [fakeFile('something else')])
    expect(forgedFile.valid).toBe(false)
    expect((await call('GET', `/v1/receipts/${receipt.id}`)).json.verification.valid).toBe(true)
    const reopened = await call('GET', '/v1/signoff', holder)
    expect(reopened.json.receipt.id).toBe(receipt.id)
  })

  it('50 concurrent identical POSTs give one decision, the rest replay it', async () => {
    const p = await proposalProject(world.atelier, s.scope, client.id, 'concurrent')
    const json = { outcome: 'approved', name: '李明' }
    const replies = await Promise.all(
      Array.from({ length: 50 }, () =>
        call('POST', '/v1/signoff/decision', { token: p.signoff.token, json }),
      ),
    )
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200))
    expect(replies.filter((r) => r.headers.get('Idempotent-Replayed') !== 'true')).toHaveLength(1)
    expect(new Set(replies.map((r) => r.json.receipt.id)).size).toBe(1)
    const audit = (await call('GET', `/v1/projects/${p.project.id}/audit`, staff)).json.items
    expect(audit.filter((e: { action: string }) => e.action === 'signoff.decided')).toHaveLength(1)
  })

  it('50 concurrent conflicting POSTs give one decision; the others get it replayed or 409', async () => {
    const p = await proposalProject(world.atelier, s.scope, client.id, 'race')
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call('POST', '/v1/signoff/decision', {
          token: p.signoff.token,
          json: { outcome: i % 2 ? 'approved' : 'declined', name: '李明' },
        }),
      ),
    )
    const winners = replies.filter(
      (r) => r.status === 200 && r.headers.get('Idempotent-Replayed') !== 'true',
    )
    expect(winners).toHaveLength(1)
    const outcome = winners[0]!.json.signoff.decision.outcome
    for (const r of replies) {
      if (r.status === 200) expect(r.json.signoff.decision.outcome).toBe(outcome)
      else expect([r.status, r.json.code, r.json.reason]).toEqual([409, 'conflict', 'decided'])
    }
    const audit = (await call('GET', `/v1/projects/${p.project.id}/audit`, staff)).json.items
    expect(audit.filter((e: { action: string }) => e.action === 'signoff.decided')).toHaveLength(1)
  })

  it('answers 410 when superseded by a newer version, and when expired', async () => {
    const p = await proposalProject(world.atelier, s.scope, client.id, 'stale')
    await call('POST', `/v1/deliverables/${p.conceptId}/versions?filename=v2.pdf`, {
      ...staff,
      body: new Uint8Array([1, 2]),
      headers: { 'Content-Type': 'application/pdf' },
    })
    const superseded = await call('GET', '/v1/signoff', { token: p.signoff.token })
    expect([superseded.status, superseded.json.reason]).toEqual([410, 'superseded'])

    const q = await proposalProject(world.atelier, s.scope, client.id, 'late')
    world.clock.advance(15 * 86_400_000)
    const expired = await call('GET', '/v1/signoff', { token: q.signoff.token })
    expect([expired.status, expired.json.code, expired.json.reason]).toEqual([
      410,
      'gone',
      'expired',
    ])
    const late = await call('POST', '/v1/signoff/decision', {
      token: q.signoff.token,
      json: { outcome: 'approved', name: 'x' },
    })
    expect([late.status, late.json.reason]).toEqual([410, 'expired'])
    expect(late.json.expiresAt).toBe(q.signoff.signoff.expiresAt)
  })

  it('logs GET views of confidential projects, never HEAD ones', async () => {
    const p = await proposalProject(world.atelier, s.scope, client.id, 'secret')
    const project = await world.atelier.projects.get(s.scope, p.project.id)
    await world.atelier.projects.update(s.scope, {
      id: project.id,
      version: project.version,
      confidentiality: 'nda',
    })
    const log = async () =>
      (await call('GET', `/v1/projects/${project.id}/access-log`, staff)).json.items.length
    await call('HEAD', '/v1/signoff', { token: p.signoff.token })
    expect(await log()).toBe(0)
    const view = await call('GET', '/v1/signoff', { token: p.signoff.token })
    expect(view.json.project.name).toBe(project.codename)
    expect(view.text).not.toContain('secret')
    expect(await log()).toBe(1)
  })
})
