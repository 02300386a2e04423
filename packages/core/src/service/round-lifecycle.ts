import { AtelierError } from '../errors/atelier-error.js'
import type { GateContext } from '../gates/gates.js'
import type { Scope } from '../internal/atoms.js'
import type { Project } from '../project/project.js'
import type { ItemInput, RevisionRound, RoundItem } from '../revision/revision.js'
import type { StudioTx } from './context.js'
import { supersedeSignoffs } from './issue-signoff.js'
import { resolveFiles } from './load.js'
import { performMove } from './perform-move.js'

/** Turns requested items into round items, checking every file reference and pin. */
export async function toRoundItems(
  ctx: StudioTx,
  projectId: string,
  items: readonly ItemInput[],
  field = 'items',
): Promise<RoundItem[]> {
  const out: RoundItem[] = []
  for (const [i, item] of items.entries()) {
    if (item.pin && !item.file) {
      throw new AtelierError('invalid_input', `invalid ${field}: ${field}.${i}.pin`, {
        fields: [{ path: `${field}.${i}.pin`, message: 'a pin needs the file it is placed on' }],
      })
    }
    if (item.file) await resolveFiles(ctx, projectId, [item.file], `${field}.${i}.file`)
    out.push({
      id: ctx.id('itm'),
      text: item.text,
      ...(item.file && { file: item.file }),
      ...(item.pin && { pin: item.pin }),
      createdAt: ctx.now,
    })
  }
  return out
}

/**
 * Opens the next revision round (修订) with the client's items and moves the project to
 * `revision`. Rounds beyond `contract.includedRounds` are billable and wait for a quote; the
 * others open at once. A pending final review is superseded by the request.
 */
export async function openRound(
  ctx: StudioTx,
  scope: Scope,
  gate: GateContext,
  items: readonly ItemInput[],
  field = 'items',
): Promise<{ project: Project; round: RevisionRound }> {
  const { project } = gate
  if (project.stage !== 'production' && project.stage !== 'confirmation') {
    throw new AtelierError(
      'conflict',
      `the project is in ${project.stage}; changes are requested during production or confirmation`,
    )
  }
  const n = gate.rounds.length + 1
  const billable = n > project.contract.includedRounds
  const round: RevisionRound = {
    id: ctx.id('rnd'),
    studioId: ctx.studioId,
    projectId: project.id,
    n,
    status: billable ? 'awaiting_quote' : 'open',
    billable,
    items: await toRoundItems(ctx, project.id, items, field),
    openedAt: ctx.now,
    ...(!billable && { activatedAt: ctx.now }),
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 1,
  }
  await ctx.repos.rounds.insert(round)
  await ctx.audit(
    project.id,
    scope.actor,
    'round.requested',
    { round: n, billable, items: round.items.length, included: project.contract.includedRounds },
    'client',
  )
  await supersedeSignoffs(ctx, scope, project.id, (s) => s.purpose === 'final', {
    reason: 'changes_requested',
    round: n,
  })
  const moved = await performMove(
    ctx,
    scope,
    { ...gate, rounds: [...gate.rounds, round] },
    'revision',
  )
  return { project: moved, round }
}

/**
 * Takes a quoted round back to `awaiting_quote` (its change order was declined, revoked or is
 * being replaced), so the studio can quote it again. A round in any other state is left alone.
 */
export async function withdrawQuote(
  ctx: StudioTx,
  scope: Scope,
  projectId: string,
  n: number | undefined,
  action: string,
): Promise<void> {
  const round = (await ctx.repos.rounds.listByProject(projectId)).find((r) => r.n === n)
  if (round?.status !== 'quoted') return
  const { quote: _, ...unquoted } = round
  await ctx.write(
    ctx.repos.rounds,
    round,
    {
      ...unquoted,
      status: 'awaiting_quote',
    },
    'round',
  )
  await ctx.audit(projectId, scope.actor, action, { round: round.n }, 'client')
}
