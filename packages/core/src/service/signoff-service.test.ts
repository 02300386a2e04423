import { beforeEach, describe, expect, it } from 'vitest'
import { createAtelier } from '../atelier.js'
import { isAtelierError } from '../errors/atelier-error.js'
import { memoryStorage } from '../storage/memory-storage.js'
import { fakeFile } from '../testing/journey.js'
import { advanceTo, type Scenario, seedProject } from '../testing/scenario.js'

let now = new Date('2026-11-22T08:00:00.000Z')
const clock = () => now

async function proposalSignoff(s: Scenario) {
  const project = await advanceTo(s, 'proposal')
  const concept = await s.atelier.deliverables.create(s.scope, {
    projectId: project.id,
    kind: 'proposal',
    title: 'Concept A',
  })
  await s.atelier.deliverables.addVersion(
    s.scope,
    { deliverableId: concept.id, filename: 'concept-a.pdf', mediaType: 'application/pdf' },
    fakeFile('concept'),
  )
  const issued = await s.atelier.signoffs.create(s.scope, {
    projectId: project.id,
    purpose: 'proposal',
    files: [{ deliverableId: concept.id, version: 1 }],
  })
  return { project, concept, ...issued }
}

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) =>
      isAtelierError(e) ? `${e.code}${e.details.reason ? `:${e.details.reason}` : ''}` : String(e),
  )

describe('sign-off', () => {
  let s: Scenario
  beforeEach(async () => {
    now = new Date('2026-11-22T08:00:00.000Z')
    s = await seedProject(createAtelier({ storage: memoryStorage(), clock }))
  })

  it('issues a 256-bit atl_so_ token, stored only as its sha256', async () => {
    const { token, signoff } = await proposalSignoff(s)
    expect(token).toMatch(/^atl_so_[A-Za-z0-9_-]{43}$/)
    expect(JSON.stringify(signoff)).not.toContain(token.slice(7))
    const stored = await s.atelier.signoffs.get(s.scope, signoff.id)
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/)
    expect(signoff.expiresAt).toBe('2026-12-06T08:00:00.000Z')
  })

  it('opening the link any number of times changes nothing', async () => {
    const { token, signoff: view } = await proposalSignoff(s)
    const signoff = await s.atelier.signoffs.get(s.scope, view.id)
    expect((await s.atelier.signoffs.open(token)).studio).toEqual({
      id: s.studioId,
      name: 'Studio 山海 Shanhai',
    })
    for (let i = 0; i < 10; i++) await s.atelier.signoffs.open(token)
    const after = await s.atelier.signoffs.get(s.scope, signoff.id)
    expect(after).toEqual(signoff)
  })

  it('decides once; the same decision replays the stored result; another is a conflict', async () => {
    const { token } = await proposalSignoff(s)
    const first = await s.atelier.signoffs.decide(
      token,
      { outcome: 'approved', name: '李明' },
      { ip: '203.0.113.9', userAgent: 'UA' },
    )
    expect(first.replayed).toBe(false)
    expect(first.receipt?.decision).toMatchObject({ name: '李明', userAgent: 'UA' })
    expect(first.receipt?.decision.ipHash).toMatch(/^[0-9a-f]{64}$/)
    const again = await s.atelier.signoffs.decide(token, { outcome: 'approved', name: '李明' })
    expect(again).toEqual({ ...first, replayed: true })
    expect(
      await code(s.atelier.signoffs.decide(token, { outcome: 'declined', name: '李明' })),
    ).toBe('conflict:decided')
    expect(
      await code(s.atelier.signoffs.decide(token, { outcome: 'approved', name: 'Someone else' })),
    ).toBe('conflict:decided')
  })

  it('answers gone for expired, revoked and superseded links, not_found for unknown ones', async () => {
    const { token, project, concept } = await proposalSignoff(s)
    now = new Date('2026-12-06T08:00:00.000Z')
    expect(await code(s.atelier.signoffs.open(token))).toBe('gone:expired')
    expect(await code(s.atelier.signoffs.decide(token, { outcome: 'approved', name: 'x' }))).toBe(
      'gone:expired',
    )
    now = new Date('2026-11-23T08:00:00.000Z')
    const second = await s.atelier.signoffs.create(s.scope, {
      projectId: project.id,
      purpose: 'proposal',
      files: [{ deliverableId: concept.id, version: 1 }],
    })
    await s.atelier.signoffs.revoke(s.scope, second.signoff.id)
    expect(
      await code(s.atelier.signoffs.decide(second.token, { outcome: 'approved', name: 'x' })),
    ).toBe('gone:revoked')
    await s.atelier.deliverables.addVersion(
      s.scope,
      { deliverableId: concept.id, filename: 'concept-a2.pdf', mediaType: 'application/pdf' },
      fakeFile('v2'),
    )
    expect(await code(s.atelier.signoffs.open(token))).toBe('gone:superseded')
    expect(
      await code(
        s.atelier.signoffs.decide(`atl_so_${'A'.repeat(43)}`, { outcome: 'approved', name: 'x' }),
      ),
    ).toBe('unauthorized')
    expect(await code(s.atelier.signoffs.open('not a token'))).toBe('unauthorized')
  })

  it('refuses outcomes a purpose does not take, and items outside its files', async () => {
    const { token, project, concept } = await proposalSignoff(s)
    const result = await s.atelier.signoffs
      .decide(token, { outcome: 'approved', name: 'x', items: [{ text: 'a' }] })
      .catch((e: unknown) => e)
    expect(result).toMatchObject({
      code: 'invalid_input',
      details: { fields: [{ path: 'items' }] },
    })
    const bad = await s.atelier.signoffs
      .decide(token, {
        outcome: 'changes_requested',
        name: 'x',
        items: [{ text: 'a', file: { deliverableId: concept.id, version: 9 } }],
      })
      .catch((e: unknown) => e)
    expect(bad).toMatchObject({
      code: 'invalid_input',
      details: { fields: [{ path: 'items.0.file' }] },
    })
    const consent = await s.atelier.grants.requestPortfolioConsent(s.scope, {
      projectId: project.id,
      scope: ['website'],
    })
    expect(
      await code(
        s.atelier.signoffs.decide(consent.token, {
          outcome: 'changes_requested',
          name: 'x',
          comment: 'hm',
        }),
      ),
    ).toBe('invalid_input')
  })

  it('lets the client decide from the tracker with their own scope only', async () => {
    const { signoff } = await proposalSignoff(s)
    const other = await s.atelier.clients.create(s.scope, { name: 'Other' })
    const otherScope = {
      studioId: s.studioId,
      actor: { kind: 'client' as const, id: other.id, label: 'Other' },
    }
    expect(
      await code(
        s.atelier.signoffs.decideAsClient(otherScope, signoff.id, {
          outcome: 'approved',
          name: 'Other',
        }),
      ),
    ).toBe('not_found')
    const result = await s.atelier.signoffs.decideAsClient(s.clientScope, signoff.id, {
      outcome: 'approved',
      name: '李明',
    })
    const decided = (await s.atelier.audit.list(s.scope, s.project.id)).find(
      (e) => e.action === 'signoff.decided',
    )
    expect(decided?.actor).toEqual({ kind: 'client', id: s.clientId, label: '李明' })
    const stored = await s.atelier.signoffs.get(s.scope, result.signoff.id)
    expect(stored.decision?.via).toBe('client')
    expect(result.receipt).toBeDefined()
  })

  it('decides exactly once under 50 concurrent attempts', async () => {
    const { token } = await proposalSignoff(s)
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        s.atelier.signoffs.decide(token, {
          outcome: i % 2 ? 'approved' : 'declined',
          name: '李明',
        }),
      ),
    )
    const fresh = results.filter((r) => r.status === 'fulfilled' && !r.value.replayed)
    expect(fresh).toHaveLength(1)
    const events = await s.atelier.audit.list(s.scope, s.project.id)
    expect(events.filter((e) => e.action === 'signoff.decided')).toHaveLength(1)
  })

  it('logs views of confidential projects, but not of standard ones', async () => {
    const { token, project } = await proposalSignoff(s)
    await s.atelier.signoffs.open(token)
    expect(await s.atelier.audit.accessLog(s.scope, project.id)).toEqual([])
    const secret = await seedProject(s.atelier, { confidentiality: 'nda' })
    const issued = await proposalSignoff(secret)
    const view = await secret.atelier.signoffs.open(issued.token)
    await secret.atelier.signoffs.open(issued.token, { log: false })
    expect(view.project.title).toBeUndefined()
    expect(view.project.name).toBe(secret.project.codename)
    const log = await secret.atelier.audit.accessLog(secret.scope, issued.project.id)
    expect(log.map((e) => [e.viewer.kind, e.action])).toEqual([['signer', 'view']])
  })
})
