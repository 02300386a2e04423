import { AtelierError } from '../errors/atelier-error.js'
import { applyMove, checkMove, type GateContext, latestRound } from '../gates/gates.js'
import type { Scope } from '../internal/atoms.js'
import type { Project } from '../project/project.js'
import type { ProjectStage } from '../project/stages.js'
import type { StudioTx } from './context.js'
import { saveProject } from './load.js'

/**
 * Checks and applies one move inside the current transaction: the gates, the new stage and
 * history, the audit event, and what the move implies for the rest of the project (a round
 * leaving revision is submitted; cancelling revokes pending sign-offs).
 */
export async function performMove(
  ctx: StudioTx,
  scope: Scope,
  gate: GateContext,
  to: ProjectStage,
  reason?: string,
): Promise<Project> {
  const { project } = gate
  const check = checkMove(gate, to, reason)
  if (!check.ok) {
    throw new AtelierError(check.code, check.message, {
      ...(check.gate && { gate: check.gate }),
      ...(check.code === 'invalid_input' && {
        fields: [{ path: 'reason', message: 'is required for this move' }],
      }),
    })
  }
  const next = await saveProject(ctx, project, applyMove(project, check.move, ctx.now, reason))
  await ctx.audit(
    project.id,
    scope.actor,
    'project.moved',
    {
      from: project.stage,
      to,
      ...(reason && { reason }),
      ...(check.move.skips && { skipped: check.move.skips }),
    },
    'client',
  )
  if (check.move.from === 'revision') {
    const round = latestRound(gate.rounds)
    if (round && round.status === 'open') {
      await ctx.write(
        ctx.repos.rounds,
        round,
        {
          ...round,
          status: 'submitted' as const,
        },
        'round',
      )
    }
  }
  if (to === 'cancelled') {
    for (const s of gate.signoffs.filter((s) => s.status === 'pending')) {
      await ctx.write(
        ctx.repos.signoffs,
        s,
        {
          ...s,
          status: 'revoked' as const,
        },
        'sign-off',
      )
      await ctx.audit(
        project.id,
        scope.actor,
        'signoff.revoked',
        { signoffId: s.id, purpose: s.purpose },
        'internal',
      )
    }
  }
  return next
}
