import { type Permission, type Role, roles } from '@atelier/core'
import { may, movePermission, permissions } from '@atelier/core/rules'
import { describe, expect, it } from 'vitest'
import { conformance } from './support/conformance.js'
import { fixturesFor, idsOf } from './support/fixtures.js'
import { seedMembers, snapshotOfA } from './support/member-seed.js'
import { createMemberWorld } from './support/member-world.js'
import { seed } from './support/scenario.js'
import { send } from './support/send.js'
import { PUBLIC_URL } from './support/world.js'

/*
 * The isolation matrix by role: every operation that takes a studio credential (a secret key or
 * a member's session), for every role, as a signed-in member of studio A and as one of studio
 * B, aimed at A's records. A's member gets what the permission table says; B's member never
 * reads or changes anything of A, whatever the role.
 */

/**
 * The permission each studio operation needs, as its fixture sends it (core's `authorize`
 * calls). Checked for completeness against the document.
 */
const permissionOf: Record<string, Permission> = {
  getStudio: 'studio.read',
  updateStudio: 'studio.update',
  rotateSigningKey: 'studio.sign',
  createKey: 'key.manage',
  listKeys: 'key.manage',
  revokeKey: 'key.manage',
  listMembers: 'member.read',
  changeMemberRole: 'member.manage',
  // Someone else: anyone may leave, removing another needs `member.manage`.
  removeMember: 'member.manage',
  inviteMember: 'member.invite',
  listInvitations: 'member.invite',
  revokeInvitation: 'member.invite',
  createClient: 'client.create',
  listClients: 'client.read',
  getClient: 'client.read',
  updateClient: 'client.update',
  issueClientToken: 'client.access',
  listClientTokens: 'client.access',
  revokeClientToken: 'client.access',
  createProject: 'project.create',
  listProjects: 'project.read',
  getProject: 'project.read',
  updateProject: 'project.update',
  addNote: 'project.note',
  checkMove: 'project.read',
  // The fixture moves to `cancelled`.
  moveProject: movePermission('cancelled'),
  submitForReview: 'deliverable.upload',
  recordDelivery: 'delivery.record',
  createDeliverable: 'deliverable.create',
  listDeliverables: 'project.read',
  uploadVersion: 'deliverable.upload',
  downloadVersion: 'project.read',
  listRounds: 'project.read',
  requestRevision: 'round.open',
  quoteRound: 'round.quote',
  addRoundItems: 'round.item',
  resolveRoundItem: 'round.item',
  createSignoff: 'signoff.create',
  listSignoffs: 'project.read',
  revokeSignoff: 'signoff.revoke',
  createShare: 'share.manage',
  listShares: 'project.read',
  revokeShare: 'share.manage',
  requestPortfolioConsent: 'consent.manage',
  listPortfolioConsents: 'project.read',
  revokePortfolioConsent: 'consent.manage',
  listAuditEvents: 'audit.read',
  verifyAuditChain: 'audit.read',
  listAccessLog: 'audit.read',
}

/**
 * The session-only routes: no permission, the same for every role. What a member of either
 * studio gets for the fixture (A's studio id; the session of another member of A).
 */
const accountAnswer: Record<string, { own: number; other: number }> = {
  getMe: { own: 200, other: 200 },
  switchStudio: { own: 200, other: 403 },
  listSessions: { own: 200, other: 200 },
  revokeSession: { own: 404, other: 404 },
}

/** What an allowed request may answer besides 2xx: the fixture met A's state, not a refusal. */
const domainAnswers = [409, 412]

type Op = { operationId: string; security: Record<string, unknown>[] }

describe('isolation matrix by role: own studio and other studio', async () => {
  const world = createMemberWorld()
  const s = await seed(world)
  const m = await seedMembers(world, s)
  const fixtures = fixturesFor(s, m)
  const ids = idsOf(s, m)
  const markers = [...s.markers, ...m.markers]
  const { doc } = await conformance(world.app)
  const all = Object.values(doc.paths).flatMap((item) => Object.values(item) as unknown as Op[])
  const takes = (op: Op, scheme: string) => op.security.some((s) => scheme in s)
  const studioOps = all.filter((op) => takes(op, 'secretKey') && takes(op, 'memberSession'))
  const accountOps = all.filter((op) => takes(op, 'memberSession') && !takes(op, 'secretKey'))
  const operations = [...studioOps, ...accountOps]
  const snapshot = () => snapshotOfA(world, s, m)
  const before = await snapshot()
  const request = (id: string, cookie: string) =>
    send(world.call, fixtures[id]!, undefined, { Cookie: cookie, Origin: PUBLIC_URL })
  const answered: Record<string, number[]> = {}
  let cells = 0

  it('knows the permission of every studio operation, and which operations take a session', () => {
    expect(Object.keys(permissionOf).sort()).toEqual(studioOps.map((o) => o.operationId).sort())
    expect(Object.keys(accountAnswer).sort()).toEqual(accountOps.map((o) => o.operationId).sort())
    for (const permission of Object.values(permissionOf)) expect(permissions).toContain(permission)
    // The matrix walks every role; each may do something the one below it may not.
    expect(roles).toEqual(['owner', 'manager', 'designer', 'viewer'])
    const allowed = roles.map((role) => Object.values(permissionOf).filter((p) => may(role, p)))
    for (let i = 1; i < roles.length; i++) {
      expect(allowed[i]!.length, roles[i]).toBeLessThan(allowed[i - 1]!.length)
    }
  })

  for (const op of operations) {
    const id = op.operationId
    it(`${id}: a member of studio B, in any role, never reads or changes A`, async () => {
      const sent = JSON.stringify(fixtures[id])
      const aimsAtA = ids.some((x) => sent.includes(x))
      for (const role of roles) {
        const reply = await request(id, m.b.staff[role].cookie)
        cells++
        const where = `${id} as B's ${role}: ${reply.text}`
        const permission = permissionOf[id]
        if (!permission) expect(reply.status, where).toBe(accountAnswer[id]!.other)
        else if (!may(role, permission)) expectForbidden(reply, permission, role, where)
        else if (aimsAtA) expect(reply.status, where).toBe(404)
        else expect([200, 201, 204, 412], where).toContain(reply.status)
        for (const marker of markers.filter((x) => !sent.includes(x))) {
          expect(reply.text.includes(marker), `${id} as B's ${role} leaked ${marker}`).toBe(false)
        }
      }
    })
  }

  it("changed nothing of studio A (B's members)", async () => {
    expect(await snapshot()).toBe(before)
  })

  // Least trusted first, so an allowed change meets A as the seed left it as often as can be.
  for (const op of operations) {
    const id = op.operationId
    it(`${id}: a member of studio A gets what the permission table says`, async () => {
      for (const role of [...roles].reverse()) {
        const reply = await request(id, m.a.staff[role].cookie)
        cells++
        const where = `${id} as A's ${role}: ${reply.text}`
        const permission = permissionOf[id]
        answered[id] = [...(answered[id] ?? []), reply.status]
        if (!permission) expect(reply.status, where).toBe(accountAnswer[id]!.own)
        else if (!may(role, permission)) expectForbidden(reply, permission, role, where)
        else expect(reply.status < 300 || domainAnswers.includes(reply.status), where).toBe(true)
      }
    })
  }

  it('ran every cell, and prints the answers', () => {
    expect(cells).toBe(operations.length * roles.length * 2)
    const rows = Object.entries(answered).map(([id, statuses]) => `${id.padEnd(26)} ${statuses}`)
    console.log(
      [
        `isolation matrix by role: ${operations.length} operations × ${roles.length} roles × 2 studios = ${cells} cells`,
        `A's members, viewer → owner:`,
        ...rows,
      ].join('\n'),
    )
    // Most allowed requests succeed outright: the fixtures are real requests, not refusals.
    const ok = Object.values(answered)
      .flat()
      .filter((s) => s < 300).length
    expect(ok).toBeGreaterThan(operations.length)
  })
})

function expectForbidden(
  reply: { status: number; json: { code?: string; permission?: string; role?: string } },
  permission: Permission,
  role: Role,
  where: string,
) {
  expect(reply.status, where).toBe(403)
  expect(reply.json, where).toMatchObject({ code: 'forbidden', permission, role })
}
