import type { Scope } from '../internal/atoms.js'
import { addDays } from '../internal/runtime.js'
import type { Decision, Signoff, SignoffPurpose } from '../sign-off/signoff.js'
import { found, type StudioTx } from './context.js'
import { loadGateContext } from './load.js'
import { performMove } from './perform-move.js'
import { openRound, withdrawQuote } from './round-lifecycle.js'

type Effect = (ctx: StudioTx, scope: Scope, signoff: Signoff, decision: Decision) => Promise<void>

const nothing: Effect = async () => {}

/** A share grant takes the answer: the client's consent, or the third party's NDA. */
function grantAnswer(field: 'consent' | 'nda'): Effect {
  return async (ctx, _scope, signoff, decision) => {
    const id = signoff.subject.grantId ?? ''
    const grant = found(await ctx.repos.grants.get(id), 'grant', id)
    await ctx.write(
      ctx.repos.grants,
      grant,
      {
        ...grant,
        [field]: decision.outcome === 'approved' ? 'approved' : 'declined',
      },
      'grant',
    )
  }
}

/**
 * What a decision does beyond recording itself, per purpose. The review loop is driven by the
 * client's decision on a `final` sign-off: approval moves the project to delivery, a request for
 * changes opens the next revision round. Everything else the studio moves itself.
 */
export const decisionEffects: Record<SignoffPurpose, Effect> = {
  proposal: nothing,
  review: nothing,

  async final(ctx, scope, signoff, decision) {
    const project = found(
      await ctx.repos.projects.get(signoff.projectId),
      'project',
      signoff.projectId,
    )
    if (project.stage !== 'confirmation') return
    const gate = await loadGateContext(ctx, project)
    if (decision.outcome === 'approved') await performMove(ctx, scope, gate, 'delivery')
    if (decision.outcome === 'changes_requested') {
      const items = decision.items?.length ? decision.items : [{ text: decision.comment ?? '' }]
      await openRound(ctx, scope, gate, items, 'items')
    }
  },

  async change_order(ctx, scope, signoff, decision) {
    if (decision.outcome !== 'approved') {
      await withdrawQuote(
        ctx,
        scope,
        signoff.projectId,
        signoff.subject.round,
        'round.quote_rejected',
      )
      return
    }
    const round = (await ctx.repos.rounds.listByProject(signoff.projectId)).find(
      (r) => r.n === signoff.subject.round,
    )
    if (round?.status !== 'quoted') return
    await ctx.write(
      ctx.repos.rounds,
      round,
      {
        ...round,
        status: 'open' as const,
        changeOrderSignoffId: signoff.id,
        activatedAt: ctx.now,
        dueAt: addDays(ctx.now, round.quote?.days ?? 0),
      },
      'round',
    )
    await ctx.audit(signoff.projectId, scope.actor, 'round.opened', { round: round.n }, 'client')
  },

  share_consent: grantAnswer('consent'),
  nda: grantAnswer('nda'),

  async portfolio_consent(ctx, _scope, signoff, decision) {
    const id = signoff.subject.consentId ?? ''
    const consent = found(await ctx.repos.consents.get(id), 'portfolio consent', id)
    const granted = decision.outcome === 'approved'
    await ctx.write(
      ctx.repos.consents,
      consent,
      {
        ...consent,
        status: granted ? ('granted' as const) : ('declined' as const),
        ...(granted && { grantedAt: ctx.now }),
      },
      'portfolio consent',
    )
  },
}
