import { activityView } from '../audit/activity-view.js'
import type { AuditEvent } from '../audit/audit-chain.js'
import type { Client } from '../client/client.js'
import { type Section, sees, type Viewer } from '../confidentiality/visibility.js'
import type { Deliverable, FileVersion } from '../deliverable/deliverable.js'
import { deliverableViews } from '../deliverable/deliverable-view.js'
import { warrantyEndsAt } from '../gates/gates.js'
import { DAY_MS } from '../internal/runtime.js'
import { missingBriefFields } from '../project/brief.js'
import type { Project } from '../project/project.js'
import { stageViews } from '../project/stage-view.js'
import type { RevisionRound } from '../revision/revision.js'
import { roundView } from '../revision/round-view.js'
import {
  type AccessLogEntry,
  grantStatus,
  type PortfolioConsent,
  type ShareGrant,
} from '../sharing/grants.js'
import { clientPurposes, effectiveStatus, type Signoff } from '../sign-off/signoff.js'
import { signoffView } from '../sign-off/signoff-view.js'
import type { ProjectView } from './view-types.js'

/** Everything stored about a project that a view may draw from; absent parts are left out. */
export interface ProjectSnapshot {
  project: Project
  /** The studio the project belongs to: its name is how non-staff see studio actions. */
  studio?: { id: string; name: string }
  client?: Client
  deliverables?: Deliverable[]
  versions?: FileVersion[]
  rounds?: RevisionRound[]
  signoffs?: Signoff[]
  grants?: ShareGrant[]
  consents?: PortfolioConsent[]
  activity?: AuditEvent[]
  accessLog?: AccessLogEntry[]
}

/**
 * The one projection (保密): what `viewer` may see of a project. Staff see everything; the
 * client sees their project without backstage notes and activity; a signer sees the files of
 * their sign-off; a third party the files of an active grant; the public only the name. On
 * `nda` and `strict` projects, everyone but staff and the client sees the codename, never the
 * title or client name. Nothing else in Atelier redacts.
 *
 * @example
 * const view = viewProject(snapshot, { kind: 'client', clientId }, new Date().toISOString())
 * view.brief?.internalNotes // undefined
 */
export function viewProject(snapshot: ProjectSnapshot, viewer: Viewer, now: string): ProjectView {
  const { project } = snapshot
  const level = project.confidentiality
  const may = (section: Section) => sees(section, viewer.kind, level)
  if (viewer.kind === 'client' && viewer.clientId !== project.clientId) {
    throw new Error('viewProject: a client may only view their own projects')
  }
  const staff = viewer.kind === 'staff'
  const signoffs = snapshot.signoffs ?? []
  const own = viewer.kind === 'signer' ? signoffs.find((s) => s.id === viewer.signoffId) : undefined
  const grant =
    viewer.kind === 'third_party'
      ? snapshot.grants?.find((g) => g.id === viewer.grantId)
      : undefined
  const grantLive = grant !== undefined && grantStatus(grant, now) === 'active'
  const fileKey = (f: { deliverableId: string; n?: number; version?: number }) =>
    `${f.deliverableId}/${f.n ?? f.version}`
  const allowedFiles =
    viewer.kind === 'signer'
      ? new Set(own?.subject.files.map(fileKey))
      : viewer.kind === 'third_party'
        ? new Set(grantLive ? grant.files.map(fileKey) : [])
        : undefined
  const visibleSignoffs = signoffs.filter((s) =>
    staff ? true : viewer.kind === 'client' ? clientPurposes.includes(s.purpose) : s.id === own?.id,
  )
  const view: ProjectView = {
    viewer: viewer.kind,
    id: project.id,
    name: may('title') ? project.title : project.codename,
    codename: project.codename,
    confidentiality: level,
    ...(snapshot.studio && { studio: snapshot.studio }),
  }
  if (may('title')) view.title = project.title
  const client = snapshot.client
  if (client && may('clientName')) {
    view.client = {
      id: client.id,
      name: client.name,
      ...(client.company && { company: client.company }),
      ...(may('clientContact') && client.email && { email: client.email }),
      ...(may('clientContact') && client.phone && { phone: client.phone }),
      ...(may('clientNotes') && client.notes && { notes: client.notes }),
    }
  }
  if (may('progress')) {
    const rounds = snapshot.rounds ?? []
    view.state = project.stage
    view.stages = stageViews(project)
    view.services = project.services
    view.contract = project.contract
    view.roundsUsage = {
      used: rounds.length,
      included: project.contract.includedRounds,
      billable: rounds.filter((r) => r.billable).length,
    }
    const missing = project.stage === 'requirements' ? missingBriefFields(project.brief) : []
    view.waitingFor = [
      ...visibleSignoffs
        .filter((s) => s.purpose !== 'nda' && effectiveStatus(s, now) === 'pending')
        .map((s) => ({
          kind: 'signoff' as const,
          signoffId: s.id,
          purpose: s.purpose,
          expiresAt: s.expiresAt,
        })),
      ...(missing.length ? [{ kind: 'brief' as const, missing }] : []),
    ]
    if (project.delivery) {
      const { receiptId, ...delivery } = project.delivery
      view.delivery = { ...delivery, ...(receiptId && { receiptId }) }
      const endsAt = warrantyEndsAt(project)!
      const left = Math.max(0, Math.ceil((Date.parse(endsAt) - Date.parse(now)) / DAY_MS))
      view.warranty = {
        endsAt,
        daysLeft: left,
        active: now < endsAt && project.stage === 'aftercare',
      }
    }
    view.createdAt = project.createdAt
    view.updatedAt = project.updatedAt
  }
  if (may('brief')) {
    const { internalNotes, ...brief } = project.brief
    view.brief = may('internal') && internalNotes ? { ...brief, internalNotes } : brief
  }
  if (may('internal')) {
    view.research = project.research
    view.version = project.version
    if (snapshot.accessLog) {
      view.accessLog = snapshot.accessLog.map(({ at, viewer: who, action, file }) => ({
        at,
        viewer: who,
        action,
        ...(file && { file }),
      }))
    }
  }
  if (may('deliverables') && snapshot.deliverables) {
    view.deliverables = deliverableViews(
      snapshot.deliverables,
      snapshot.versions ?? [],
      (d, v) => staff || (allowedFiles ? allowedFiles.has(fileKey(v)) : d.visibility === 'client'),
      staff,
    )
  }
  if (may('rounds') && snapshot.rounds) {
    const rounds =
      viewer.kind === 'signer'
        ? snapshot.rounds.filter((r) => r.n === own?.subject.round)
        : snapshot.rounds
    view.rounds = rounds.map((r) => roundView(r, staff))
  }
  if (may('signoffs') && snapshot.signoffs)
    view.signoffs = visibleSignoffs.map((s) => signoffView(s, staff, now))
  if (may('activity') && snapshot.activity) {
    view.activity = snapshot.activity
      .filter((e) => staff || e.visibility === 'client')
      .map((e) => activityView(e, staff, snapshot.studio?.name ?? 'Studio'))
  }
  if (may('signoffs') && snapshot.signoffs) {
    // A receipt is issued with its approval, in the same transaction: the sign-off says it all.
    view.receipts = visibleSignoffs.flatMap((s) =>
      s.receiptId && s.decision
        ? [{ id: s.receiptId, signoffId: s.id, purpose: s.purpose, issuedAt: s.decision.at }]
        : [],
    )
  }
  if (may('grants') && snapshot.grants) {
    const grants =
      viewer.kind === 'third_party'
        ? snapshot.grants.filter((g) => g.id === grant?.id)
        : snapshot.grants
    view.grants = grants.map((g) => ({
      id: g.id,
      party: g.party,
      ...(viewer.kind !== 'third_party' && { email: g.email }),
      ...(g.purpose && { purpose: g.purpose }),
      files: viewer.kind !== 'third_party' || grantLive ? g.files : [],
      status: grantStatus(g, now),
      expiresAt: g.expiresAt,
    }))
  }
  if (may('consents') && snapshot.consents) {
    view.consents = snapshot.consents.map(
      ({ id, scope, embargoUntil, note, status, grantedAt, revokedAt, signoffId }) => ({
        id,
        scope,
        status,
        signoffId,
        ...(embargoUntil && { embargoUntil }),
        ...(note && { note }),
        ...(grantedAt && { grantedAt }),
        ...(revokedAt && { revokedAt }),
      }),
    )
  }
  return view
}
