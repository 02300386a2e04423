import type { Atelier } from '../atelier.js'
import type { Scope } from '../internal/atoms.js'
import type { Receipt } from '../sign-off/receipt.js'

/** A tiny valid PNG's worth of bytes, distinct per label. */
export function fakeFile(label: string): Uint8Array {
  return new TextEncoder().encode(`\x89PNG fake image: ${label}`)
}

export interface JourneyResult {
  scope: Scope
  studioId: string
  clientId: string
  projectId: string
  logoId: string
  finalReceipt: Receipt
  finalFiles: Uint8Array[]
  changeOrderReceipt: Receipt
}

/**
 * Drives one project through all eight stages with the service API: brief, research skipped,
 * an approved proposal, production, an included revision round with a pinned item, a billable
 * round quoted and accepted through a change order, final approval with a receipt, delivery and
 * aftercare. Used by the contract suite, the tests and the package README.
 */
export async function runJourney(
  atelier: Atelier,
  options: { includedRounds?: number } = {},
): Promise<JourneyResult> {
  const studio = await atelier.studios.create({ name: 'Studio 山海 Shanhai' })
  const scope: Scope = {
    studioId: studio.id,
    actor: { kind: 'staff', id: 'staff_1', label: '王设计' },
  }
  const client = await atelier.clients.create(scope, { name: '李明', company: '青禾茶饮' })
  let project: { id: string; version: number } = await atelier.projects.create(scope, {
    clientId: client.id,
    title: '青禾茶饮 brand identity',
    services: ['logo', 'vi'],
    contract: { includedRounds: options.includedRounds ?? 1 },
  })
  project = await atelier.projects.update(scope, {
    id: project.id,
    version: project.version,
    brief: {
      goals: '年轻化的品牌形象',
      audience: '18–30 岁的城市白领',
      style: '清新、自然',
      usage: ['print', 'digital'],
      deliverableTypes: ['logo', 'VI manual'],
      budget: { amount: 4_800_000, currency: 'CNY' },
      deadline: '2027-01-31',
    },
  })
  project = await atelier.projects.move(scope, {
    id: project.id,
    version: project.version,
    to: 'proposal',
    reason: '客户已提供竞品调研',
  })

  const concept = await atelier.deliverables.create(scope, {
    projectId: project.id,
    kind: 'proposal',
    title: 'Concept A',
  })
  await atelier.deliverables.addVersion(
    scope,
    { deliverableId: concept.id, filename: 'concept-a.pdf', mediaType: 'application/pdf' },
    fakeFile('concept a'),
  )
  const proposal = await atelier.signoffs.create(scope, {
    projectId: project.id,
    purpose: 'proposal',
    files: [{ deliverableId: concept.id, version: 1 }],
  })
  await atelier.signoffs.decide(
    proposal.token,
    { outcome: 'approved', name: '李明' },
    { userAgent: 'journey', ip: '203.0.113.7' },
  )
  project = await atelier.projects.get(scope, project.id)
  project = await atelier.projects.move(scope, {
    id: project.id,
    version: project.version,
    to: 'production',
  })

  const logo = await atelier.deliverables.create(scope, {
    projectId: project.id,
    kind: 'final',
    title: 'Logo',
  })
  await atelier.deliverables.addVersion(
    scope,
    { deliverableId: logo.id, filename: 'logo-v1.png', mediaType: 'image/png' },
    fakeFile('logo v1'),
  )
  let review = await atelier.projects.submitForReview(scope, {
    id: project.id,
    version: project.version,
  })

  // Round 1 (included): the client pins a change on the logo.
  await atelier.signoffs.decide(review.token, {
    outcome: 'changes_requested',
    name: '李明',
    items: [
      {
        text: '绿色再深一点',
        file: { deliverableId: logo.id, version: 1 },
        pin: { x: 0.4, y: 0.3 },
      },
    ],
  })
  let [round] = await atelier.revisions.list(scope, project.id)
  await atelier.deliverables.addVersion(
    scope,
    { deliverableId: logo.id, filename: 'logo-v2.png', mediaType: 'image/png' },
    fakeFile('logo v2'),
  )
  round = await atelier.revisions.resolveItem(scope, {
    roundId: round!.id,
    version: round!.version!,
    itemId: round!.items[0]!.id,
    status: 'addressed',
    note: '主色改为 #2E6B3F',
    inVersion: { deliverableId: logo.id, version: 2 },
  })
  project = await atelier.projects.get(scope, project.id)
  review = await atelier.projects.submitForReview(scope, {
    id: project.id,
    version: project.version,
  })

  // Round 2 (billable): quoted, accepted through a change order, then worked.
  await atelier.signoffs.decide(review.token, {
    outcome: 'changes_requested',
    name: '李明',
    comment: '再加一个横版标志',
  })
  const rounds = await atelier.revisions.list(scope, project.id)
  const billable = rounds.find((r) => r.n === 2)!
  const quoted = await atelier.revisions.quote(scope, {
    roundId: billable.id,
    version: billable.version!,
    scope: ['横版标志一套'],
    days: 3,
    fee: { amount: 120_000, currency: 'CNY' },
  })
  const changeOrder = await atelier.signoffs.decide(quoted.token, {
    outcome: 'approved',
    name: '李明',
  })
  await atelier.deliverables.addVersion(
    scope,
    { deliverableId: logo.id, filename: 'logo-v3.png', mediaType: 'image/png' },
    fakeFile('logo v3'),
  )
  let open = (await atelier.revisions.list(scope, project.id)).find((r) => r.n === 2)!
  open = await atelier.revisions.resolveItem(scope, {
    roundId: open.id,
    version: open.version!,
    itemId: open.items[0]!.id,
    status: 'addressed',
    note: '已加横版',
    inVersion: { deliverableId: logo.id, version: 3 },
  })
  project = await atelier.projects.get(scope, project.id)
  review = await atelier.projects.submitForReview(scope, {
    id: project.id,
    version: project.version,
  })
  const approval = await atelier.signoffs.decide(review.token, {
    outcome: 'approved',
    name: '李明',
  })

  project = await atelier.projects.get(scope, project.id)
  project = await atelier.projects.recordDelivery(scope, {
    projectId: project.id,
    version: project.version,
    method: 'download',
    licence: '客户享有标志的全部使用权 — full rights to use the marks',
  })
  project = await atelier.projects.move(scope, {
    id: project.id,
    version: project.version,
    to: 'aftercare',
  })

  return {
    scope,
    studioId: studio.id,
    clientId: client.id,
    projectId: project.id,
    logoId: logo.id,
    finalReceipt: approval.receipt!,
    finalFiles: [fakeFile('logo v3')],
    changeOrderReceipt: changeOrder.receipt!,
  }
}
