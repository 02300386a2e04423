import type { Deliverable, FileVersion } from '../deliverable/deliverable.js'
import { DAY_MS } from '../internal/runtime.js'
import { missingBriefFields } from '../project/brief.js'
import { findMove, type GateKey, type Move, nextStages } from '../project/moves.js'
import type { Project } from '../project/project.js'
import type { ProjectStage } from '../project/stages.js'
import type { RevisionRound } from '../revision/revision.js'
import { isExpired, type Signoff, type SignoffPurpose } from '../sign-off/signoff.js'

/** What the gates look at: the project and its deliverables, sign-offs and rounds. */
export interface GateContext {
  project: Project
  now: string
  deliverables: Deliverable[]
  versions: FileVersion[]
  signoffs: Signoff[]
  rounds: RevisionRound[]
}

/** True when every file a sign-off names is still the newest version of its deliverable. */
export function isCurrent(signoff: Signoff, deliverables: readonly Deliverable[]): boolean {
  return (
    signoff.subject.files.length > 0 &&
    signoff.subject.files.every(
      (f) => deliverables.find((d) => d.id === f.deliverableId)?.latestVersion === f.version,
    )
  )
}

function currentSignoff(
  ctx: GateContext,
  purpose: SignoffPurpose,
  statuses: readonly Signoff['status'][],
): Signoff | undefined {
  return ctx.signoffs.find(
    (s) =>
      s.purpose === purpose &&
      statuses.includes(s.status) &&
      !isExpired(s, ctx.now) &&
      isCurrent(s, ctx.deliverables),
  )
}

/** The round the project is working on: the newest one. */
export function latestRound(rounds: readonly RevisionRound[]): RevisionRound | undefined {
  return rounds.reduce<RevisionRound | undefined>((a, r) => (!a || r.n > a.n ? r : a), undefined)
}

/** When the warranty ends, or undefined before delivery. */
export function warrantyEndsAt(project: Project): string | undefined {
  if (!project.delivery) return undefined
  return new Date(
    Date.parse(project.delivery.deliveredAt) + project.contract.warrantyDays * DAY_MS,
  ).toISOString()
}

const describeProposals = (ctx: GateContext) =>
  ctx.deliverables
    .filter((d) => d.kind === 'proposal' && d.latestVersion > 0)
    .map((d) => `${d.title} v${d.latestVersion}`)
    .join(', ')

/**
 * Each gate returns undefined when it passes, or what is missing (the end of a sentence that
 * starts "stage a -> b ").
 */
export const gates: Record<GateKey, (ctx: GateContext) => string | undefined> = {
  brief_complete(ctx) {
    const missing = missingBriefFields(ctx.project.brief)
    return missing.length ? `needs a complete brief; missing: ${missing.join(', ')}` : undefined
  },
  proposal_approved(ctx) {
    if (currentSignoff(ctx, 'proposal', ['approved'])) return undefined
    const current = describeProposals(ctx)
    return current
      ? `needs an approved proposal sign-off for the current version (${current}); none found`
      : 'needs an approved proposal sign-off; no proposal has been uploaded yet'
  },
  submitted_for_review(ctx) {
    if (currentSignoff(ctx, 'final', ['pending', 'approved'])) return undefined
    return 'needs the current versions submitted for final review (a pending final sign-off); none found'
  },
  round_requested(ctx) {
    const round = latestRound(ctx.rounds)
    if (round && round.status !== 'submitted') return undefined
    return 'needs a revision round requested by the client; none is open'
  },
  round_resolved(ctx) {
    const round = latestRound(ctx.rounds)
    if (!round) return 'needs a revision round; none exists'
    if (round.status === 'awaiting_quote')
      return `needs round ${round.n} quoted and accepted; it awaits a quote`
    if (round.status === 'quoted')
      return `needs round ${round.n}'s change order accepted by the client; it is pending`
    const open = round.items.filter((i) => !i.resolution).length
    if (open > 0)
      return `needs every item of round ${round.n} resolved; ${open} of ${round.items.length} are open`
    if (!ctx.versions.some((v) => v.round === round.n)) {
      return `needs a revised version uploaded in round ${round.n}; none found`
    }
    return undefined
  },
  final_approved(ctx) {
    if (currentSignoff(ctx, 'final', ['approved'])) return undefined
    return 'needs an approved final sign-off for the current versions; none found'
  },
  delivery_recorded(ctx) {
    return ctx.project.delivery ? undefined : 'needs the delivery recorded; none found'
  },
  warranty_ended(ctx) {
    const ends = warrantyEndsAt(ctx.project)
    if (ends && ctx.now >= ends) return undefined
    return ends
      ? `needs the warranty ended (it runs until ${ends}) or a reason to close early`
      : 'needs the delivery recorded before the warranty can end'
  },
}

export type MoveCheck =
  | { ok: true; move: Move }
  | {
      ok: false
      code: 'conflict' | 'gate_failed' | 'invalid_input'
      gate?: GateKey
      message: string
    }

/**
 * Whether the project may move to `to` now: the move must be in the table, carry a reason when
 * the table asks for one, and pass its gates. Pure; the service runs it inside the transaction.
 *
 * @example
 * const check = checkMove(ctx, 'production')
 * if (!check.ok) console.log(check.gate, check.message)
 */
export function checkMove(ctx: GateContext, to: ProjectStage, reason?: string): MoveCheck {
  const from = ctx.project.stage
  const move = findMove(from, to)
  if (!move) {
    const allowed = nextStages(from)
    return {
      ok: false,
      code: 'conflict',
      message: allowed.length
        ? `stage ${from} -> ${to} is not a move; from ${from} a project moves to ${allowed.join(', ')}`
        : `the project is ${from}; it does not move any more`,
    }
  }
  if (move.reason === 'required' && !reason) {
    return { ok: false, code: 'invalid_input', message: `stage ${from} -> ${to} needs a reason` }
  }
  if (move.reason === 'waives_gates' && reason) return { ok: true, move }
  for (const gate of move.gates) {
    const missing = gates[gate](ctx)
    if (missing)
      return { ok: false, code: 'gate_failed', gate, message: `stage ${from} -> ${to} ${missing}` }
  }
  return { ok: true, move }
}

/** The project after a move: new stage, history entry, version bumped. */
export function applyMove(project: Project, move: Move, now: string, reason?: string): Project {
  return {
    ...project,
    stage: move.to,
    stageHistory: [
      ...project.stageHistory,
      {
        stage: move.to,
        at: now,
        ...(reason && { reason }),
        ...(move.skips && { skipped: move.skips }),
      },
    ],
    research:
      move.skips === 'research' ? { ...project.research, skippedReason: reason } : project.research,
    updatedAt: now,
    version: project.version + 1,
  }
}
