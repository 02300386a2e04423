import type { AuditEvent } from '../audit/audit-chain.js'
import type { Deliverable, FileVersion } from '../deliverable/deliverable.js'
import type { Project } from '../project/project.js'
import { isOpenStage, type Stage, stageOrder, stages } from '../project/stages.js'
import type { RevisionRound } from '../revision/revision.js'
import { effectiveStatus, type Signoff } from '../sign-off/signoff.js'
import type {
  ActivityView,
  DeliverableView,
  RoundView,
  SignoffView,
  StageView,
} from './view-types.js'

/** The parts `viewProject` assembles a view from: one record at a time, for staff or not. */

export function stageViews(project: Project): StageView[] {
  const history = project.stageHistory
  const beyond = (stage: Stage) =>
    !isOpenStage(project.stage)
      ? project.stage === 'closed'
      : stages[project.stage].n > stages[stage].n
  return stageOrder.map((key) => {
    const visits = history.map((h, i) => ({ ...h, i })).filter((h) => h.stage === key)
    const first = visits[0]
    const last = visits.at(-1)
    const leftAt = last && history[last.i + 1]?.at
    const skip = history.find((h) => h.skipped === key)
    const status: StageView['status'] =
      project.stage === key
        ? 'current'
        : first
          ? 'done'
          : skip
            ? 'skipped'
            : beyond(key)
              ? 'not_needed'
              : 'upcoming'
    return {
      key,
      n: stages[key].n,
      status,
      ...(first && { enteredAt: first.at }),
      ...(leftAt && { leftAt }),
      ...(skip?.reason && { reason: skip.reason }),
    }
  })
}

export function roundView(round: RevisionRound, staff: boolean): RoundView {
  const resolved = round.items.filter((i) => i.resolution)
  return {
    id: round.id,
    n: round.n,
    status: round.status,
    billable: round.billable,
    ...(round.quote && { quote: round.quote }),
    items: round.items.map(({ createdAt: _, ...item }) => item),
    summary: {
      round: round.n,
      total: round.items.length,
      addressed: resolved.filter((i) => i.resolution?.status === 'addressed').length,
      declined: resolved.filter((i) => i.resolution?.status === 'declined').length,
      open: round.items.length - resolved.length,
    },
    openedAt: round.openedAt,
    ...(round.activatedAt && { activatedAt: round.activatedAt }),
    ...(round.dueAt && { dueAt: round.dueAt }),
    ...(staff && { version: round.version }),
  }
}

export function signoffView(s: Signoff, staff: boolean, now: string): SignoffView {
  const { subject, decision } = s
  return {
    id: s.id,
    purpose: s.purpose,
    status: effectiveStatus(s, now),
    expiresAt: s.expiresAt,
    createdAt: s.createdAt,
    files: subject.files,
    ...(subject.round !== undefined && { round: subject.round }),
    ...(subject.quote && { quote: subject.quote }),
    ...(subject.resolutions && { resolutions: subject.resolutions }),
    ...(subject.party && { party: subject.party }),
    ...(subject.portfolio && { portfolio: subject.portfolio }),
    ...(s.message && { message: s.message }),
    ...(staff && s.signer && { signer: s.signer }),
    ...(decision && {
      decision: staff
        ? decision
        : {
            outcome: decision.outcome,
            name: decision.name,
            at: decision.at,
            ...(decision.comment && { comment: decision.comment }),
            ...(decision.items && { items: decision.items }),
          },
    }),
    ...(s.receiptId && { receiptId: s.receiptId }),
  }
}

export function activityView(e: AuditEvent, staff: boolean, studioName: string): ActivityView {
  // Outside the studio, whoever acted for it (a key, a staff member, the CLI) is the studio.
  const byStudio = !staff && (e.actor.kind === 'staff' || e.actor.kind === 'system')
  return {
    seq: e.seq,
    at: e.at,
    action: e.action,
    actor: byStudio
      ? { kind: 'studio', label: studioName }
      : { kind: e.actor.kind, label: e.actor.label },
    data: e.data,
    ...(staff && { visibility: e.visibility }),
  }
}

export function deliverableViews(
  deliverables: Deliverable[],
  versions: FileVersion[],
  keep: (d: Deliverable, v: FileVersion) => boolean,
  staff: boolean,
): DeliverableView[] {
  return deliverables
    .map((d) => ({
      id: d.id,
      kind: d.kind,
      title: d.title,
      ...(staff && { visibility: d.visibility }),
      latestVersion: d.latestVersion,
      versions: versions
        .filter((v) => v.deliverableId === d.id && keep(d, v))
        .map(({ studioId: _s, projectId: _p, blobKey: _b, ...v }) => v),
    }))
    .filter((d) => staff || d.versions.length > 0)
}
