import type { MemberSeed } from './member-seed.js'
import { PASSWORD } from './member-world.js'
import type { Seed } from './scenario.js'

/** One request against studio A's resources, as the matrix and the error tests send it. */
export interface Fixture {
  method: string
  path: string
  json?: unknown
  ifMatch?: number
  upload?: { type: string; bytes: Uint8Array<ArrayBuffer> }
}

/**
 * A request for every operation of the API, aimed at studio A's records. The isolation matrix
 * fails when an operation of the document has no entry here.
 */
export function fixturesFor({ a }: Seed, m: MemberSeed): Record<string, Fixture> {
  const [round1, round2] = a.rounds
  const item = round1!.items[0]!.id
  const get = (path: string): Fixture => ({ method: 'GET', path })
  const post = (path: string, json: unknown = {}, ifMatch?: number): Fixture => ({
    method: 'POST',
    path,
    json,
    ...(ifMatch !== undefined && { ifMatch }),
  })
  const del = (path: string): Fixture => ({ method: 'DELETE', path })
  const p1 = `/v1/projects/${a.p1}`
  const file = { deliverableId: a.logoId, version: 3 }
  return {
    getStudio: get('/v1/studio'),
    updateStudio: { method: 'PATCH', path: '/v1/studio', json: { name: 'Renamed' }, ifMatch: 2 },
    rotateSigningKey: post('/v1/studio/signing-keys', undefined, 2),
    createKey: post('/v1/keys', { kind: 'publishable' }),
    listKeys: get('/v1/keys'),
    revokeKey: del(`/v1/keys/${a.sk.id}`),
    createClient: post('/v1/clients', { name: 'Matrix client' }),
    listClients: get('/v1/clients'),
    getClient: get(`/v1/clients/${a.client1}`),
    updateClient: {
      method: 'PATCH',
      path: `/v1/clients/${a.client1}`,
      json: { name: 'X' },
      ifMatch: 1,
    },
    issueClientToken: post(`/v1/clients/${a.client1}/tokens`, { kind: 'access_link' }),
    listClientTokens: get(`/v1/clients/${a.client1}/tokens`),
    revokeClientToken: del(`/v1/client-tokens/${a.ct1.id}`),
    createProject: post('/v1/projects', { clientId: a.client1, title: 'Matrix project' }),
    listProjects: get('/v1/projects'),
    getProject: get(p1),
    updateProject: { method: 'PATCH', path: p1, json: { title: 'Stolen' }, ifMatch: 1 },
    addNote: post(`${p1}/notes`, { text: 'note' }),
    checkMove: get(`/v1/projects/${a.p2}/moves?to=production`),
    moveProject: post(`/v1/projects/${a.p2}/moves`, { to: 'cancelled', reason: 'x' }, 1),
    submitForReview: post(`${p1}/submissions`, {}, 1),
    recordDelivery: post(`${p1}/delivery`, { method: 'download', licence: 'x' }, 1),
    createDeliverable: post(`/v1/projects/${a.p2}/deliverables`, { kind: 'design', title: 'X' }),
    listDeliverables: get(`${p1}/deliverables`),
    uploadVersion: {
      method: 'POST',
      path: `/v1/deliverables/${a.conceptId}/versions?filename=x.png`,
      upload: { type: 'image/png', bytes: new TextEncoder().encode('png bytes') },
    },
    downloadVersion: get(`/v1/deliverables/${a.logoId}/versions/1/file`),
    listRounds: get(`${p1}/rounds`),
    requestRevision: post(`${p1}/rounds`, { items: [{ text: 'x' }] }),
    quoteRound: post(
      `/v1/rounds/${round2!.id}/quote`,
      { scope: ['x'], days: 1, fee: { amount: 1, currency: 'CNY' } },
      1,
    ),
    addRoundItems: post(`/v1/rounds/${round1!.id}/items`, { items: [{ text: 'x' }] }, 1),
    resolveRoundItem: post(
      `/v1/rounds/${round1!.id}/items/${item}/resolution`,
      { status: 'declined', note: 'x' },
      1,
    ),
    createSignoff: post(`/v1/projects/${a.p2}/signoffs`, {
      purpose: 'review',
      files: [{ deliverableId: a.conceptId, version: 1 }],
    }),
    listSignoffs: get(`${p1}/signoffs`),
    revokeSignoff: post(`/v1/signoffs/${a.so.signoff.id}/revoke`, undefined),
    createShare: post(`${p1}/shares`, {
      party: { name: 'X' },
      email: 'x@example.com',
      files: [file],
    }),
    listShares: get(`${p1}/shares`),
    revokeShare: del(`/v1/shares/${a.grantId}`),
    requestPortfolioConsent: post(`${p1}/portfolio-consents`, { scope: ['website'] }),
    listPortfolioConsents: get(`${p1}/portfolio-consents`),
    revokePortfolioConsent: del(`/v1/portfolio-consents/${a.consentId}`),
    listAuditEvents: get(`${p1}/audit`),
    verifyAuditChain: get(`${p1}/audit/verification`),
    listAccessLog: get(`${p1}/access-log`),
    listMyProjects: get('/v1/client/projects'),
    getMyProject: get(`/v1/client/projects/${a.p1}`),
    listMyProjectActivity: get(`/v1/client/projects/${a.p1}/activity`),
    downloadMyFile: get(`/v1/client/files/${a.logoId}/3`),
    requestMyRevision: post(`/v1/client/projects/${a.p1}/revision-requests`, {
      items: [{ text: 'x' }],
    }),
    getMySignoff: get(`/v1/client/signoffs/${a.so.signoff.id}`),
    decideMySignoff: post(`/v1/client/signoffs/${a.so.signoff.id}/decision`, {
      outcome: 'declined',
      name: 'X',
    }),
    revokeMyPortfolioConsent: del(`/v1/client/portfolio-consents/${a.consentId}`),
    openSignoff: get('/v1/signoff'),
    downloadSignoffFile: get(`/v1/signoff/files/${a.conceptId}/1`),
    decideSignoff: post('/v1/signoff/decision', { outcome: 'approved', name: 'X' }),
    openShare: get('/v1/shared'),
    downloadSharedFile: get(`/v1/shared/files/${a.logoId}/3`),
    listMembers: get('/v1/members'),
    changeMemberRole: {
      method: 'PATCH',
      path: `/v1/members/${m.a.target.memberId}`,
      json: { role: 'viewer' },
      ifMatch: 1,
    },
    removeMember: { method: 'DELETE', path: `/v1/members/${m.a.target.memberId}`, ifMatch: 1 },
    inviteMember: post('/v1/invitations', { email: 'matrix@example.com', role: 'viewer' }),
    listInvitations: get('/v1/invitations'),
    revokeInvitation: del(`/v1/invitations/${m.a.invitation.id}`),
    getMe: get('/v1/me'),
    switchStudio: post('/v1/session/studio', { studioId: a.studioId }),
    listSessions: get('/v1/sessions'),
    revokeSession: del(`/v1/sessions/${m.a.holderSession}`),
    previewInvitation: post('/v1/invitations/preview', { token: m.a.invitation.token }),
    // Used already: whoever sends it, nothing is accepted (410 used).
    acceptInvitation: post('/v1/invitations/accept', {
      token: m.a.usedInvitation.token,
      password: PASSWORD,
    }),
    getPublicKeys: get(`/v1/studios/${a.studioId}/public-keys`),
    getReceipt: get(`/v1/receipts/${a.receiptId}`),
    verifyReceipt: post('/v1/receipts/verification', { receipt: { type: 'atelier.receipt' } }),
  }
}

/** Every id of studio A, to tell whether a fixture aims at A's records. */
export function idsOf({ a }: Seed, m: MemberSeed): string[] {
  return [
    m.a.target.memberId,
    m.a.invitation.id,
    m.a.holderSession,
    a.studioId,
    a.p1,
    a.p2,
    a.client1,
    a.logoId,
    a.conceptId,
    a.sk.id,
    a.ct1.id,
    a.so.signoff.id,
    a.grantId,
    a.consentId,
    a.receiptId,
    ...a.rounds.map((r) => r.id),
  ]
}
