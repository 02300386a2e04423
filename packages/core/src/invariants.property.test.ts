import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Atelier, createAtelier } from './atelier.js'
import { verifyAuditChain } from './audit/audit-chain.js'
import { isAtelierError } from './errors/atelier-error.js'
import { findMove, nextStages } from './project/moves.js'
import { type ProjectStage, projectStages, stageOrder } from './project/stages.js'
import { outcomes } from './sign-off/signoff.js'
import { memoryStorage } from './storage/memory-storage.js'
import type { Storage } from './storage/storage-port.js'
import { fakeFile } from './testing/journey.js'
import { completeBrief, type Scenario, seedProject, stepForward } from './testing/scenario.js'

/** Errors a random operation may legitimately meet; anything else fails the property. */
const EXPECTED = new Set([
  'gate_failed',
  'conflict',
  'invalid_input',
  'gone',
  'not_found',
  'version_mismatch',
  'forbidden',
])

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary })

/** Operations a studio and its client might do in any order; `step` (the happy path) weighs most. */
const action = fc.oneof(
  w(8, fc.record({ op: fc.constant('step' as const), towardsRevision: fc.boolean() })),
  w(
    1,
    fc.record({
      op: fc.constant('move' as const),
      to: fc.constantFrom(...projectStages),
      reason: fc.boolean(),
    }),
  ),
  w(2, fc.record({ op: fc.constant('forward' as const), pick: fc.nat(), reason: fc.boolean() })),
  w(
    1,
    fc.record({
      op: fc.constant('deliverable' as const),
      kind: fc.constantFrom('proposal', 'design', 'final' as const),
    }),
  ),
  w(2, fc.record({ op: fc.constant('upload' as const), pick: fc.nat() })),
  w(1, fc.record({ op: fc.constant('proposalSignoff' as const) })),
  w(1, fc.record({ op: fc.constant('submit' as const) })),
  w(
    3,
    fc.record({
      op: fc.constant('decide' as const),
      pick: fc.nat(),
      outcome: fc.constantFrom(...outcomes),
    }),
  ),
  w(1, fc.record({ op: fc.constant('request' as const), items: fc.integer({ min: 1, max: 3 }) })),
  w(1, fc.record({ op: fc.constant('quote' as const) })),
  w(2, fc.record({ op: fc.constant('resolve' as const), pick: fc.nat(), addressed: fc.boolean() })),
  w(1, fc.record({ op: fc.constant('revoke' as const), pick: fc.nat() })),
  w(1, fc.record({ op: fc.constant('brief' as const), complete: fc.boolean() })),
  w(1, fc.record({ op: fc.constant('deliver' as const) })),
  w(1, fc.record({ op: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 40 }) })),
)
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never

async function apply(s: Scenario, a: Action, tick: (days: number) => void): Promise<void> {
  const { atelier, scope, clientScope } = s
  const id = s.project.id
  const project = await atelier.projects.get(scope, id)
  const deliverables = await atelier.deliverables.list(scope, id)
  const signoffs = await atelier.signoffs.list(scope, id)
  const rounds = await atelier.revisions.list(scope, id)
  const round = rounds.at(-1)
  const pick = <T>(list: T[], n: number) => list[n % Math.max(1, list.length)]
  switch (a.op) {
    case 'move':
      await atelier.projects.move(scope, {
        id,
        version: project.version,
        to: a.to,
        ...(a.reason && { reason: 'because' }),
      })
      return
    case 'forward': {
      const to = pick(nextStages(project.stage), a.pick)
      if (to)
        await atelier.projects.move(scope, {
          id,
          version: project.version,
          to,
          ...(a.reason && { reason: 'because' }),
        })
      return
    }
    case 'step':
      await stepForward(s, a.towardsRevision ? 'revision' : undefined)
      return
    case 'deliverable':
      await atelier.deliverables.create(scope, {
        projectId: id,
        kind: a.kind,
        title: `${a.kind} ${deliverables.length}`,
      })
      return
    case 'upload': {
      const d = pick(deliverables, a.pick)
      if (d)
        await atelier.deliverables.addVersion(
          scope,
          { deliverableId: d.id, filename: 'f.png', mediaType: 'image/png' },
          fakeFile(`${d.id}/${d.latestVersion + 1}`),
        )
      return
    }
    case 'proposalSignoff': {
      const files = deliverables
        .filter((d) => d.kind === 'proposal' && d.latestVersion > 0)
        .map((d) => ({ deliverableId: d.id, version: d.latestVersion }))
      if (files.length)
        await atelier.signoffs.create(scope, { projectId: id, purpose: 'proposal', files })
      return
    }
    case 'submit':
      await atelier.projects.submitForReview(scope, { id, version: project.version })
      return
    case 'decide': {
      const so = pick(signoffs, a.pick)
      if (!so || so.purpose === 'nda') return
      const input = {
        outcome: a.outcome,
        name: '李明',
        ...(a.outcome === 'changes_requested' && { items: [{ text: '改一下' }] }),
      }
      await atelier.signoffs.decideAsClient(clientScope, so.id, input)
      return
    }
    case 'request':
      await atelier.revisions.request(clientScope, {
        projectId: id,
        items: Array.from({ length: a.items }, (_, i) => ({ text: `item ${i}` })),
      })
      return
    case 'quote':
      if (round)
        await atelier.revisions.quote(scope, {
          roundId: round.id,
          version: round.version!,
          scope: ['more'],
          days: 2,
          fee: { amount: 5000, currency: 'CNY' },
        })
      return
    case 'resolve': {
      const item = round && pick(round.items, a.pick)
      if (!round || !item) return
      const made = deliverables.flatMap((d) => d.versions).find((v) => v.round === round.n)
      await atelier.revisions.resolveItem(scope, {
        roundId: round.id,
        version: round.version!,
        itemId: item.id,
        status: a.addressed ? 'addressed' : 'declined',
        note: 'done',
        ...(a.addressed &&
          made && { inVersion: { deliverableId: made.deliverableId, version: made.n } }),
      })
      return
    }
    case 'revoke': {
      const so = pick(signoffs, a.pick)
      if (so) await atelier.signoffs.revoke(scope, so.id)
      return
    }
    case 'brief':
      await atelier.projects.update(scope, {
        id,
        version: project.version,
        brief: a.complete ? completeBrief : { audience: '' },
      })
      return
    case 'deliver':
      await atelier.projects.recordDelivery(scope, {
        projectId: id,
        version: project.version,
        method: 'download',
        licence: 'full rights',
      })
      return
    case 'wait':
      tick(a.days)
  }
}

async function checkInvariants(
  atelier: Atelier,
  storage: Storage,
  s: Scenario,
  seen: { version: number; decisions: Map<string, string> },
): Promise<void> {
  const project = await atelier.projects.get(s.scope, s.project.id)
  // Versions strictly increase: never backwards, and up whenever the stage changed.
  expect(project.version).toBeGreaterThanOrEqual(seen.version)
  seen.version = project.version
  // Never a stage skipped (or cancelled, or closed early) without a reason.
  for (const [i, entry] of project.stageHistory.entries()) {
    if (i === 0) continue
    const from = project.stageHistory[i - 1]!.stage as ProjectStage
    const move = findMove(from, entry.stage)
    expect(move, `${from} -> ${entry.stage}`).toBeDefined()
    if (move?.reason === 'required' || entry.skipped) expect(entry.reason).toBeTruthy()
  }
  // The stored rounds: which change order opened a round is not part of any view.
  const rounds = await storage.transaction(
    (tx) => tx.scoped(s.studioId).rounds.listByProject(s.project.id),
    { readOnly: true },
  )
  // Rounds numbered 1..n without gaps.
  expect(rounds.map((r) => r.n)).toEqual(rounds.map((_, i) => i + 1))
  const signoffs = await atelier.signoffs.list(s.scope, s.project.id)
  // Billable rounds never open without an accepted change order.
  for (const r of rounds.filter(
    (r) => r.billable && (r.status === 'open' || r.status === 'submitted'),
  )) {
    const order = signoffs.find((x) => x.id === r.changeOrderSignoffId)
    expect(order).toMatchObject({ purpose: 'change_order', status: 'approved' })
  }
  // A decision happens at most once, and never changes.
  const events = await atelier.audit.list(s.scope, s.project.id)
  const decided = events
    .filter((e) => e.action === 'signoff.decided')
    .map((e) => e.data.signoffId as string)
  expect(new Set(decided).size).toBe(decided.length)
  for (const so of signoffs) {
    if (!so.decision) continue
    const before = seen.decisions.get(so.id)
    if (before) expect(so.decision.outcome).toBe(before)
    seen.decisions.set(so.id, so.decision.outcome)
  }
  // Deliverable versions 1..latest, each once.
  for (const d of await atelier.deliverables.list(s.scope, s.project.id)) {
    expect(d.versions.map((v) => v.n)).toEqual(
      Array.from({ length: d.latestVersion }, (_, i) => i + 1),
    )
  }
  // The audit chain always verifies.
  expect(verifyAuditChain(events).valid).toBe(true)
}

const PROPERTY_RUNS = 200
const coverage = new Map<string, number>()

describe('invariants under random operation sequences', () => {
  it(`hold for ${PROPERTY_RUNS} random sequences of up to 80 operations`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 5, maxLength: 80 }),
        fc.boolean(),
        async (actions, billableSoon) => {
          let now = Date.parse('2026-11-22T08:00:00.000Z')
          const storage = memoryStorage()
          const atelier = createAtelier({ storage, clock: () => new Date(now) })
          const s = await seedProject(atelier, { includedRounds: billableSoon ? 0 : 1 })
          const seen = { version: 0, decisions: new Map<string, string>() }
          const stagesSeen = new Set<string>()
          for (const a of actions) {
            await apply(s, a, (days) => {
              now += days * 86_400_000
            }).catch((error: unknown) => {
              if (!(isAtelierError(error) && EXPECTED.has(error.code))) throw error
            })
            await checkInvariants(atelier, storage, s, seen)
            stagesSeen.add((await atelier.projects.get(s.scope, s.project.id)).stage)
          }
          for (const st of stagesSeen) coverage.set(st, (coverage.get(st) ?? 0) + 1)
          const rounds = await atelier.revisions.list(s.scope, s.project.id)
          if (
            rounds.some((r) => r.billable && r.status !== 'awaiting_quote' && r.status !== 'quoted')
          )
            coverage.set('billable_open', (coverage.get('billable_open') ?? 0) + 1)
        },
      ),
      { numRuns: PROPERTY_RUNS },
    )
    // The sequences must reach every stage and open a billable round, or the property proves little.
    console.log('property-test coverage (runs reaching each state):', Object.fromEntries(coverage))
    for (const state of [...stageOrder, 'billable_open'])
      expect(coverage.get(state) ?? 0, state).toBeGreaterThan(0)
  }, 120_000)
})
