import type { Atelier, Confidentiality, ProjectStage, Scope } from '@atelier/core'
import { png } from './png.js'

/** A studio with one client (and a second one) and the client's access-link token. */
export interface SeededStudio {
  scope: Scope
  clientId: string
  /** The client's `atl_ct_` token. */
  token: string
  /** A token of another client of the same studio. */
  otherToken: string
  otherProjectId: string
}

const brief = {
  goals: '年轻化的品牌形象 — a younger brand',
  audience: '18–30 岁的城市白领',
  style: '清新、自然',
  usage: ['print', 'digital'] as ('print' | 'digital')[],
  deliverableTypes: ['logo', 'VI manual'],
  budget: { amount: 4_800_000, currency: 'CNY' },
  deadline: '2027-01-31',
}

const green: [number, number, number] = [46, 107, 63]

/** Creates a studio, the client 李明 with an access-link token, and another client. */
export async function seedStudio(atelier: Atelier): Promise<SeededStudio> {
  const studio = await atelier.studios.create({ name: 'Studio 山海 Shanhai' })
  const scope: Scope = {
    studioId: studio.id,
    actor: { kind: 'staff', id: 'staff_1', label: '王设计' },
  }
  const client = await atelier.clients.create(scope, { name: '李明', company: '青禾茶饮' })
  const other = await atelier.clients.create(scope, { name: 'Other Client Ltd' })
  const { token } = await atelier.credentials.issueClientToken(scope, {
    clientId: client.id,
    kind: 'access_link',
  })
  const { token: otherToken } = await atelier.credentials.issueClientToken(scope, {
    clientId: other.id,
  })
  const otherProject = await atelier.projects.create(scope, {
    clientId: other.id,
    title: 'Other client secret rebrand',
  })
  return { scope, clientId: client.id, token, otherToken, otherProjectId: otherProject.id }
}

/** What {@link projectAt} made, with the pending sign-off's token where one is waiting. */
export interface SeededProject {
  id: string
  logoId?: string
  signoffToken?: string
  signoffId?: string
}

/**
 * A project driven through the service to `target`: requirements (brief incomplete),
 * research, proposal (a pending proposal sign-off), production (logo v1), confirmation (a
 * pending final sign-off), revision (round 1 open, one item pinned), delivery, aftercare,
 * closed or cancelled.
 */
export async function projectAt(
  atelier: Atelier,
  s: SeededStudio,
  target: ProjectStage,
  options: { title?: string; confidentiality?: Confidentiality; includedRounds?: number } = {},
): Promise<SeededProject> {
  const { scope } = s
  let project: { id: string; version: number } = await atelier.projects.create(scope, {
    clientId: s.clientId,
    title: options.title ?? '青禾茶饮 brand identity',
    codename: 'Jade Heron',
    services: ['logo', 'vi'],
    confidentiality: options.confidentiality ?? 'standard',
    contract: { includedRounds: options.includedRounds ?? 2, dueDate: '2027-01-31' },
    brief: { goals: brief.goals },
  })
  const move = async (to: ProjectStage, reason?: string) => {
    project = await atelier.projects.get(scope, project.id)
    project = await atelier.projects.move(scope, {
      id: project.id,
      version: project.version,
      to,
      reason,
    })
  }
  const done = (extra: Partial<SeededProject> = {}) => ({ id: project.id, ...extra })
  if (target === 'requirements') return done()
  if (target === 'cancelled') {
    await move('cancelled', '客户预算调整 — budget changed')
    return done()
  }
  project = await atelier.projects.update(scope, {
    id: project.id,
    version: project.version,
    brief,
  })
  await move('research')
  if (target === 'research') return done()
  await move('proposal')
  const concept = await atelier.deliverables.create(scope, {
    projectId: project.id,
    kind: 'proposal',
    title: 'Concept A 方案',
  })
  await atelier.deliverables.addVersion(
    scope,
    { deliverableId: concept.id, filename: 'concept-a.png', mediaType: 'image/png' },
    png([49, 80, 200]),
  )
  const proposal = await atelier.signoffs.create(scope, {
    projectId: project.id,
    purpose: 'proposal',
    files: [{ deliverableId: concept.id, version: 1 }],
    message: '请查看两版方案中的 A 方案。',
  })
  if (target === 'proposal') {
    return done({ signoffToken: proposal.token, signoffId: proposal.signoff.id })
  }
  await atelier.signoffs.decide(proposal.token, { outcome: 'approved', name: '李明' })
  await move('production')
  const logo = await atelier.deliverables.create(scope, {
    projectId: project.id,
    kind: 'final',
    title: 'Logo 标志',
  })
  await atelier.deliverables.addVersion(
    scope,
    { deliverableId: logo.id, filename: 'logo-v1.png', mediaType: 'image/png' },
    png(green, 1),
  )
  const guide = await atelier.deliverables.create(scope, {
    projectId: project.id,
    kind: 'design',
    title: 'VI manual 手册',
  })
  await atelier.deliverables.addVersion(
    scope,
    { deliverableId: guide.id, filename: 'vi-manual.pdf', mediaType: 'application/pdf' },
    new TextEncoder().encode('%PDF-1.4 VI manual'),
  )
  if (target === 'production') return done({ logoId: logo.id })
  project = await atelier.projects.get(scope, project.id)
  const review = await atelier.projects.submitForReview(scope, {
    id: project.id,
    version: project.version,
    message: '终稿已完成，请确认。',
  })
  if (target === 'confirmation') {
    return done({ logoId: logo.id, signoffToken: review.token, signoffId: review.signoff.id })
  }
  if (target === 'revision') {
    await atelier.signoffs.decide(review.token, {
      outcome: 'changes_requested',
      name: '李明',
      items: [
        {
          text: '绿色再深一点',
          file: { deliverableId: logo.id, version: 1 },
          pin: { x: 0.4, y: 0.3 },
        },
        { text: '字距再松一些' },
      ],
    })
    return done({ logoId: logo.id })
  }
  await atelier.signoffs.decide(review.token, { outcome: 'approved', name: '李明' })
  if (target === 'delivery') return done({ logoId: logo.id })
  project = await atelier.projects.get(scope, project.id)
  await atelier.projects.recordDelivery(scope, {
    projectId: project.id,
    version: project.version,
    method: 'download',
    licence: '客户享有标志的全部使用权 — full rights to use the marks',
  })
  await move('aftercare')
  if (target === 'aftercare') return done({ logoId: logo.id })
  await move('closed', '保修期内无问题，结项')
  return done({ logoId: logo.id })
}

/**
 * A project in revision whose round is billable and quoted: the client sees the quote and a
 * pending change-order sign-off to accept ("a billable round awaiting acceptance").
 */
export async function projectWithQuote(atelier: Atelier, s: SeededStudio): Promise<SeededProject> {
  const p = await projectAt(atelier, s, 'confirmation', {
    includedRounds: 0,
    title: '青禾 packaging 包装',
  })
  await atelier.signoffs.decide(p.signoffToken!, {
    outcome: 'changes_requested',
    name: '李明',
    comment: '再加一个横版标志',
  })
  const [round] = await atelier.revisions.list(s.scope, p.id)
  const quoted = await atelier.revisions.quote(s.scope, {
    roundId: round!.id,
    version: round!.version!,
    scope: ['横版标志一套', '应用到包装正面'],
    days: 3,
    fee: { amount: 120_000, currency: 'CNY' },
  })
  return { id: p.id, logoId: p.logoId, signoffToken: quoted.token, signoffId: quoted.signoff.id }
}

/** Adds `count` client-visible notes (activity) and versions up to `versions` in all. */
export async function bulkUp(
  atelier: Atelier,
  s: SeededStudio,
  projectId: string,
  counts: { notes: number; deliverables: number },
): Promise<void> {
  for (let i = 0; i < counts.notes; i++) {
    await atelier.projects.addNote(s.scope, {
      projectId,
      text: `进度更新 ${i + 1}：配色与版式细化 — progress note ${i + 1}`,
      visibility: 'client',
    })
  }
  for (let i = 0; i < counts.deliverables; i++) {
    const d = await atelier.deliverables.create(s.scope, {
      projectId,
      kind: 'design',
      title: `Poster ${i + 1} 海报`,
    })
    await atelier.deliverables.addVersion(
      s.scope,
      { deliverableId: d.id, filename: `poster-${i + 1}.png`, mediaType: 'image/png' },
      png([120 + (i % 5) * 20, 60, 90], i, 96, 72),
    )
  }
}
