import { AtelierError } from '../errors/atelier-error.js'
import type { Scope } from '../internal/atoms.js'
import { applied, type StudioTx } from '../service/context.js'
import { saveProject } from '../service/load.js'
import { applyMove, checkMove, type GateContext, latestRound } from './gates.js'
import type { Project } from './project.js'
import type { ProjectStage } from './stages.js'

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
  const next = applyMove(project, check.move, ctx.now, reason)
  await saveProject(ctx, next, project.version)
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
      const submitted = {
        ...round,
        status: 'submitted' as const,
        updatedAt: ctx.now,
        version: round.version + 1,
      }
      applied(
        await ctx.repos.rounds.update(submitted, round.version),
        'round',
        round.id,
        round.version,
      )
    }
  }
  if (to === 'cancelled') {
    for (const s of gate.signoffs.filter((s) => s.status === 'pending')) {
      const revoked = {
        ...s,
        status: 'revoked' as const,
        updatedAt: ctx.now,
        version: s.version + 1,
      }
      applied(await ctx.repos.signoffs.update(revoked, s.version), 'sign-off', s.id, s.version)
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
