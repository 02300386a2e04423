import { describe, expect, it } from 'vitest'
import { applyMove, checkMove, type GateContext, gates } from '../gates/gates.js'
import { fixtures } from '../testing/fixtures.js'
import { findMove, type GateKey, moveTable } from './moves.js'
import { type ProjectStage, projectStages, stageOrder } from './stages.js'

const S = 'std_00000000000000000000000000'
const NOW = '2026-11-22T08:00:00.000Z'

/** A context in which every gate passes. */
function satisfied(stage: ProjectStage): GateContext {
  const client = fixtures.client(S)
  const project = fixtures.project(S, client.id, {
    stage,
    brief: {
      goals: 'g',
      audience: 'a',
      style: 's',
      usage: ['print'],
      deliverableTypes: ['logo'],
      budget: { amount: 1, currency: 'CNY' },
      deadline: '2027-01-01',
    },
    delivery: {
      deliveredAt: '2026-01-01T00:00:00.000Z',
      method: 'download',
      files: [],
      licence: 'all rights',
    },
  })
  const proposal = fixtures.deliverable(S, project.id, { kind: 'proposal', latestVersion: 1 })
  const final = fixtures.deliverable(S, project.id, { kind: 'final', latestVersion: 2 })
  const file = (d: typeof proposal, n: number) => ({
    deliverableId: d.id,
    version: n,
    title: d.title,
    filename: 'f',
    mediaType: 'image/png',
    bytes: 1,
    sha256: 'a'.repeat(64),
  })
  const round = fixtures.round(S, project.id, 1, {
    status: 'open',
    items: [
      {
        id: 'itm_1',
        text: 't',
        createdAt: NOW,
        resolution: { status: 'addressed', note: 'n', at: NOW },
      },
    ],
  })
  return {
    project,
    now: NOW,
    deliverables: [proposal, final],
    versions: [fixtures.fileVersion(S, project.id, final.id, 2, { round: 1 })],
    signoffs: [
      fixtures.signoff(S, project.id, {
        purpose: 'proposal',
        status: 'approved',
        subject: { files: [file(proposal, 1)] },
      }),
      fixtures.signoff(S, project.id, {
        purpose: 'final',
        status: 'approved',
        subject: { files: [file(final, 2)] },
      }),
    ],
    rounds: [round],
  }
}

/** A context in which no gate passes. */
function bare(stage: ProjectStage): GateContext {
  const project = fixtures.project(S, 'cli_00000000000000000000000000', { stage, brief: {} })
  return { project, now: NOW, deliverables: [], versions: [], signoffs: [], rounds: [] }
}

describe('the move table', () => {
  const pairs = projectStages.flatMap((from) => projectStages.map((to) => [from, to] as const))

  it.each(pairs)(
    '%s -> %s: allowed moves pass when their gates pass, others are refused',
    (from, to) => {
      const move = findMove(from, to)
      const check = checkMove(satisfied(from), to, 'because')
      if (move) {
        expect(check).toEqual({ ok: true, move })
      } else {
        expect(check).toMatchObject({ ok: false, code: 'conflict' })
      }
    },
  )

  it.each(
    moveTable
      .filter((m) => m.gates.length > 0)
      .map((m) => [m.from, m.to, m.gates[0]!, m.reason] as const),
  )('%s -> %s is refused by gate %s when nothing is in place', (from, to, gate, reason) => {
    const check = checkMove(bare(from), to, reason === 'required' ? 'a reason' : undefined)
    expect(check).toMatchObject({ ok: false, code: 'gate_failed', gate })
    if (!check.ok) expect(check.message).toMatch(new RegExp(`^stage ${from} -> ${to} needs `))
  })

  it.each(moveTable.filter((m) => m.reason === 'required').map((m) => [m.from, m.to] as const))(
    '%s -> %s needs a reason',
    (from, to) => {
      expect(checkMove(satisfied(from), to)).toMatchObject({ ok: false, code: 'invalid_input' })
      expect(checkMove(satisfied(from), to, 'client asked').ok).toBe(true)
    },
  )

  it('lets a reason close aftercare before the warranty ends', () => {
    const ctx = bare('aftercare')
    expect(checkMove(ctx, 'closed')).toMatchObject({ ok: false, gate: 'warranty_ended' })
    expect(checkMove(ctx, 'closed', 'client moved on').ok).toBe(true)
  })

  it('allows cancelling every open stage and nothing out of closed or cancelled', () => {
    for (const stage of stageOrder) expect(findMove(stage, 'cancelled')).toBeDefined()
    for (const end of ['closed', 'cancelled'] as const) {
      for (const to of projectStages) expect(findMove(end, to)).toBeUndefined()
    }
  })

  it('skips research only from requirements to proposal, and records what was skipped', () => {
    const skipping = moveTable.filter((m) => m.skips)
    expect(skipping.map((m) => [m.from, m.to, m.skips])).toEqual([
      ['requirements', 'proposal', 'research'],
    ])
    const ctx = satisfied('requirements')
    const check = checkMove(ctx, 'proposal', 'client brought research')
    if (!check.ok) throw new Error(check.message)
    const next = applyMove(ctx.project, check.move, NOW, 'client brought research')
    expect(next.stageHistory.at(-1)).toEqual({
      stage: 'proposal',
      at: NOW,
      reason: 'client brought research',
      skipped: 'research',
    })
    expect(next.research.skippedReason).toBe('client brought research')
    expect(next.version).toBe(ctx.project.version + 1)
  })

  it('names what a gate misses', () => {
    const ctx = bare('requirements')
    ctx.project.brief = { goals: 'g', style: 's' }
    expect(gates.brief_complete(ctx)).toBe(
      'needs a complete brief; missing: audience, usage, deliverableTypes, budget, deadline',
    )
  })

  it('binds the proposal gate to the current proposal version', () => {
    const ctx = satisfied('proposal')
    ctx.deliverables = ctx.deliverables.map((d) =>
      d.kind === 'proposal' ? { ...d, latestVersion: 2, title: 'Concept A' } : d,
    )
    expect(gates.proposal_approved(ctx)).toBe(
      'needs an approved proposal sign-off for the current version (Concept A v2); none found',
    )
  })

  it('checks every gate key', () => {
    const keys = new Set(moveTable.flatMap((m) => m.gates))
    expect([...keys].sort()).toEqual((Object.keys(gates) as GateKey[]).sort())
  })
})
