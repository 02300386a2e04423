import type { Atelier, Scope } from '@atelier/core'
import { fakeFile, runJourney } from '@atelier/core/testing'
import { ORIGIN_A, type World } from './world.js'

async function key(
  atelier: Atelier,
  scope: Scope,
  kind: 'secret' | 'publishable',
  revoked = false,
) {
  const { key, token } = await atelier.credentials.createKey(scope, { kind, label: kind })
  if (revoked) await atelier.credentials.revokeKey(scope, key.id)
  return { id: key.id, token }
}

async function clientToken(atelier: Atelier, scope: Scope, clientId: string, revoked = false) {
  const { clientToken: row, token } = await atelier.credentials.issueClientToken(scope, {
    clientId,
  })
  if (revoked) await atelier.credentials.revokeClientToken(scope, row.id)
  return { id: row.id, token }
}

/** A project in `proposal` with one uploaded concept, for sign-offs that stay pending. */
export async function proposalProject(
  atelier: Atelier,
  scope: Scope,
  clientId: string,
  title: string,
) {
  let project = await atelier.projects.create(scope, { clientId, title })
  project = await atelier.projects.update(scope, {
    id: project.id,
    version: project.version,
    brief: {
      goals: 'g',
      audience: 'a',
      style: 's',
      usage: ['print'],
      deliverableTypes: ['poster'],
      budget: { amount: 100, currency: 'CNY' },
      deadline: '2027-03-01',
    },
  })
  project = await atelier.projects.move(scope, {
    id: project.id,
    version: project.version,
    to: 'research',
  })
  project = await atelier.projects.move(scope, {
    id: project.id,
    version: project.version,
    to: 'proposal',
  })
  const concept = await atelier.deliverables.create(scope, {
    projectId: project.id,
    kind: 'proposal',
    title: 'Concept',
  })
  await atelier.deliverables.addVersion(
    scope,
    { deliverableId: concept.id, filename: '海报.pdf', mediaType: 'application/pdf' },
    fakeFile(title),
  )
  const files = [{ deliverableId: concept.id, version: 1 }]
  const pending = await atelier.signoffs.create(scope, {
    projectId: project.id,
    purpose: 'proposal',
    files,
  })
  return { project, conceptId: concept.id, signoff: pending }
}

/**
 * Studio A with a project through every stage (core's `runJourney`) and every kind of record
 * and credential around it; studio B with its own. Markers are strings only A's data holds.
 */
export async function seed(world: World) {
  const { atelier } = world
  const j = await runJourney(atelier, { includedRounds: 1 })
  const scope = j.scope
  const studio = await atelier.studios.get(j.studioId)
  await atelier.studios.update(scope, {
    version: studio.version,
    settings: { allowedOrigins: [ORIGIN_A] },
  })
  const client2 = await atelier.clients.create(scope, {
    name: 'Zhou Other',
    email: 'zhou@example.com',
  })
  const p2 = await proposalProject(atelier, scope, j.clientId, '青禾 poster campaign')
  const withdrawn = await atelier.signoffs.create(scope, {
    projectId: p2.project.id,
    purpose: 'review',
    files: [{ deliverableId: p2.conceptId, version: 1 }],
  })
  await atelier.signoffs.revoke(scope, withdrawn.signoff.id)
  const logo = { deliverableId: j.logoId, version: 3 }
  const share = await atelier.grants.createShare(scope, {
    projectId: j.projectId,
    party: { name: 'Printer Co' },
    email: 'print@example.com',
    files: [logo],
  })
  await atelier.signoffs.decide(share.consent.token, { outcome: 'approved', name: '李明' })
  const revokedShare = await atelier.grants.createShare(scope, {
    projectId: j.projectId,
    party: { name: 'Old printer' },
    email: 'old@example.com',
    files: [logo],
  })
  await atelier.signoffs.decide(revokedShare.consent.token, { outcome: 'approved', name: '李明' })
  await atelier.grants.revokeShare(scope, revokedShare.grant.id)
  const consent = await atelier.grants.requestPortfolioConsent(scope, {
    projectId: j.projectId,
    scope: ['website'],
  })
  await atelier.signoffs.decide(consent.token, { outcome: 'approved', name: '李明' })
  await atelier.projects.addNote(scope, {
    projectId: j.projectId,
    text: 'INTERNAL-NOTE-A: margin is thin',
  })
  const rounds = await atelier.revisions.list(scope, j.projectId)

  const a = {
    studioId: j.studioId,
    scope,
    sk: await key(atelier, scope, 'secret'),
    pk: await key(atelier, scope, 'publishable'),
    skRevoked: await key(atelier, scope, 'secret', true),
    pkRevoked: await key(atelier, scope, 'publishable', true),
    client1: j.clientId,
    ct1: await clientToken(atelier, scope, j.clientId),
    ct1Revoked: await clientToken(atelier, scope, j.clientId, true),
    client2: client2.id,
    ct2: await clientToken(atelier, scope, client2.id),
    p1: j.projectId,
    logoId: j.logoId,
    receiptId: j.finalReceipt.id,
    rounds,
    p2: p2.project.id,
    conceptId: p2.conceptId,
    so: p2.signoff,
    soRevoked: withdrawn,
    grantId: share.grant.id,
    sg: share.token,
    sgRevoked: revokedShare.token,
    consentId: consent.consent.id,
  }

  const b = await world.studio('Studio B 北岸')
  const bClient = await atelier.clients.create(b.scope, { name: 'B client' })
  const bp = await proposalProject(atelier, b.scope, bClient.id, 'B poster')
  const bShare = await atelier.grants.createShare(b.scope, {
    projectId: bp.project.id,
    party: { name: 'B printer' },
    email: 'b@example.com',
    files: [{ deliverableId: bp.conceptId, version: 1 }],
  })
  const bStudio = {
    ...b,
    ct: (await clientToken(atelier, b.scope, bClient.id)).token,
    so: bp.signoff.token,
    sg: bShare.token,
  }

  const markers = [a.studioId, a.p1, a.p2, a.client1, '青禾', '李明', 'INTERNAL-NOTE-A', a.logoId]
  return { a, b: bStudio, markers }
}

export type Seed = Awaited<ReturnType<typeof seed>>
