import { beforeEach, describe, expect, it } from 'vitest'
import { createAtelier } from '../atelier.js'
import { isAtelierError } from '../errors/atelier-error.js'
import { memoryStorage } from '../storage/memory-storage.js'
import type { Storage } from '../storage/storage-port.js'
import { fakeFile } from '../testing/journey.js'
import { advanceTo, type Scenario, seedProject } from '../testing/scenario.js'

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (isAtelierError(e) ? e.code : String(e)),
  )

describe('revision rounds', () => {
  let s: Scenario
  let storage: Storage
  let logoId: string
  beforeEach(async () => {
    storage = memoryStorage()
    s = await seedProject(createAtelier({ storage }), { includedRounds: 1 })
    await advanceTo(s, 'confirmation')
    logoId = (await s.atelier.deliverables.list(s.scope, s.project.id)).find(
      (d) => d.kind === 'final',
    )!.id
  })

  const request = () =>
    s.atelier.revisions.request(s.clientScope, {
      projectId: s.project.id,
      items: [
        { text: '标志放大', file: { deliverableId: logoId, version: 1 }, pin: { x: 0.2, y: 0.8 } },
      ],
    })

  it('opens an included round at once, with the pinned item, and moves to revision', async () => {
    const { project, round } = await request()
    expect(project.state).toBe('revision')
    expect(round).toMatchObject({ n: 1, billable: false, status: 'open' })
    expect(round.items[0]).toMatchObject({
      text: '标志放大',
      pin: { x: 0.2, y: 0.8 },
      file: { deliverableId: logoId, version: 1 },
    })
    const finals = (await s.atelier.signoffs.list(s.scope, s.project.id)).filter(
      (x) => x.purpose === 'final',
    )
    expect(finals.map((f) => f.status)).toEqual(['superseded'])
  })

  it('refuses to leave revision before every item is resolved in a revised version', async () => {
    await request()
    let project = await s.atelier.projects.get(s.scope, s.project.id)
    const refused = await s.atelier.projects
      .submitForReview(s.scope, { id: project.id, version: project.version })
      .catch((e: unknown) => e)
    expect(refused).toMatchObject({ code: 'gate_failed', details: { gate: 'round_resolved' } })
    expect((refused as Error).message).toBe(
      'stage revision -> confirmation needs every item of round 1 resolved; 1 of 1 are open',
    )
    let [round] = await s.atelier.revisions.list(s.scope, s.project.id)
    round = await s.atelier.revisions.resolveItem(s.scope, {
      roundId: round!.id,
      version: round!.version!,
      itemId: round!.items[0]!.id,
      status: 'declined',
      note: '超出合同范围',
    })
    project = await s.atelier.projects.get(s.scope, s.project.id)
    const noVersion = await s.atelier.projects
      .submitForReview(s.scope, { id: project.id, version: project.version })
      .catch((e: unknown) => e)
    expect((noVersion as Error).message).toBe(
      'stage revision -> confirmation needs a revised version uploaded in round 1; none found',
    )
    await s.atelier.deliverables.addVersion(
      s.scope,
      { deliverableId: logoId, filename: 'logo-v2.png', mediaType: 'image/png' },
      fakeFile('v2'),
    )
    const done = await s.atelier.projects.submitForReview(s.scope, {
      id: project.id,
      version: project.version,
    })
    expect(done.project.state).toBe('confirmation')
    expect(done.signoff.resolutions).toMatchObject({
      round: 1,
      total: 1,
      addressed: 0,
      declined: 1,
    })
  })

  it('makes a round beyond the contract billable: no upload, no work until the change order is accepted', async () => {
    const first = await request()
    await s.atelier.deliverables.addVersion(
      s.scope,
      { deliverableId: logoId, filename: 'v2.png', mediaType: 'image/png' },
      fakeFile('v2'),
    )
    await s.atelier.revisions.resolveItem(s.scope, {
      roundId: first.round.id,
      version: 1,
      itemId: first.round.items[0]!.id,
      status: 'addressed',
      note: 'ok',
      inVersion: { deliverableId: logoId, version: 2 },
    })
    let project = await s.atelier.projects.get(s.scope, s.project.id)
    await s.atelier.projects.submitForReview(s.scope, { id: project.id, version: project.version })
    const { round } = await request()
    expect(round).toMatchObject({ n: 2, billable: true, status: 'awaiting_quote' })
    expect(
      await code(
        s.atelier.deliverables.addVersion(
          s.scope,
          { deliverableId: logoId, filename: 'v3.png', mediaType: 'image/png' },
          fakeFile('v3'),
        ),
      ),
    ).toBe('conflict')
    // The client's view of the round has no version; the studio's has.
    const [, staffRound] = await s.atelier.revisions.list(s.scope, s.project.id)
    const quoted = await s.atelier.revisions.quote(s.scope, {
      roundId: round.id,
      version: staffRound!.version!,
      scope: ['横版'],
      days: 3,
      fee: { amount: 50_000, currency: 'CNY' },
    })
    expect(quoted.round.status).toBe('quoted')
    expect(
      await code(
        s.atelier.revisions.resolveItem(s.scope, {
          roundId: round.id,
          version: quoted.round.version,
          itemId: round.items[0]!.id,
          status: 'declined',
          note: 'x',
        }),
      ),
    ).toBe('conflict')
    // Re-quoting supersedes the pending change order.
    const requoted = await s.atelier.revisions.quote(s.scope, {
      roundId: round.id,
      version: quoted.round.version,
      scope: ['横版', '竖版'],
      days: 4,
      fee: { amount: 80_000, currency: 'CNY' },
    })
    expect(
      await code(s.atelier.signoffs.decide(quoted.token, { outcome: 'approved', name: '李明' })),
    ).toBe('gone')
    // Revoking the change order takes the round back to awaiting a quote.
    await s.atelier.signoffs.revoke(s.scope, requoted.signoff.id)
    const [, again] = await s.atelier.revisions.list(s.scope, s.project.id)
    expect(again).toMatchObject({ status: 'awaiting_quote' })
    expect(again).not.toHaveProperty('quote')
    const third = await s.atelier.revisions.quote(s.scope, {
      roundId: round.id,
      version: again!.version!,
      scope: ['横版'],
      days: 2,
      fee: { amount: 40_000, currency: 'CNY' },
    })
    const accepted = await s.atelier.signoffs.decide(third.token, {
      outcome: 'approved',
      name: '李明',
    })
    expect(accepted.receipt?.quote?.fee.amount).toBe(40_000)
    // Which change order opened the round is in the stored round, not in its view.
    const [, opened] = await storage.transaction(
      (tx) => tx.scoped(s.studioId).rounds.listByProject(s.project.id),
      { readOnly: true },
    )
    expect(opened).toMatchObject({
      status: 'open',
      changeOrderSignoffId: third.signoff.id,
      dueAt: expect.any(String),
    })
    const made = await s.atelier.deliverables.addVersion(
      s.scope,
      { deliverableId: logoId, filename: 'v3.png', mediaType: 'image/png' },
      fakeFile('v3'),
    )
    expect(made.round).toBe(2)
    project = await s.atelier.projects.get(s.scope, s.project.id)
    expect(project.stage).toBe('revision')
  })

  it('declining the change order returns the round to awaiting a quote', async () => {
    await request()
    const [r1] = await s.atelier.revisions.list(s.scope, s.project.id)
    await s.atelier.deliverables.addVersion(
      s.scope,
      { deliverableId: logoId, filename: 'v2.png', mediaType: 'image/png' },
      fakeFile('v2'),
    )
    await s.atelier.revisions.resolveItem(s.scope, {
      roundId: r1!.id,
      version: 1,
      itemId: r1!.items[0]!.id,
      status: 'declined',
      note: 'x',
    })
    const p = await s.atelier.projects.get(s.scope, s.project.id)
    await s.atelier.projects.submitForReview(s.scope, { id: p.id, version: p.version })
    const { round } = await request()
    const q = await s.atelier.revisions.quote(s.scope, {
      roundId: round.id,
      version: 1,
      scope: ['x'],
      days: 1,
      fee: { amount: 1, currency: 'CNY' },
    })
    await s.atelier.signoffs.decide(q.token, {
      outcome: 'declined',
      name: '李明',
      comment: '太贵了',
    })
    const [, r2] = await s.atelier.revisions.list(s.scope, s.project.id)
    expect(r2!.status).toBe('awaiting_quote')
  })

  it('refuses a quote in another currency than the contract, and a quote for an included round', async () => {
    const { round } = await request()
    expect(
      await code(
        s.atelier.revisions.quote(s.scope, {
          roundId: round.id,
          version: 1,
          scope: ['x'],
          days: 1,
          fee: { amount: 1, currency: 'CNY' },
        }),
      ),
    ).toBe('conflict')
    const paid = await seedProject(s.atelier, { includedRounds: 0 })
    await advanceTo(paid, 'revision')
    const [billable] = await paid.atelier.revisions.list(paid.scope, paid.project.id)
    const error = await paid.atelier.revisions
      .quote(paid.scope, {
        roundId: billable!.id,
        version: 1,
        scope: ['x'],
        days: 1,
        fee: { amount: 1, currency: 'USD' },
      })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'invalid_input',
      details: { fields: [{ path: 'fee.currency', message: 'must be the contract currency CNY' }] },
    })
  })

  it("lets changes be requested only during production or confirmation, and only by the project's client", async () => {
    const other = await s.atelier.clients.create(s.scope, { name: 'Other' })
    const otherScope = {
      studioId: s.studioId,
      actor: { kind: 'client' as const, id: other.id, label: 'Other' },
    }
    expect(
      await code(
        s.atelier.revisions.request(otherScope, {
          projectId: s.project.id,
          items: [{ text: 'x' }],
        }),
      ),
    ).toBe('not_found')
    const early = await seedProject(s.atelier)
    expect(
      await code(
        early.atelier.revisions.request(early.clientScope, {
          projectId: early.project.id,
          items: [{ text: 'x' }],
        }),
      ),
    ).toBe('conflict')
  })
})
