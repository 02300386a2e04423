import { describe, expect, it } from 'vitest'
import type { Reply } from './support/call.js'
import { createMemberWorld, type MemberWorld, PASSWORD, session } from './support/member-world.js'
import { proposalProject } from './support/scenario.js'
import { PUBLIC_URL } from './support/world.js'

/** A fresh world with one studio and its owner signed in. */
async function studioWithOwner(name = 'Studio 山海') {
  const world = createMemberWorld()
  const studio = await world.studio(name)
  const owner = await world.member(studio, 'owner', 'Owner Wang')
  return { world, studio, owner }
}

const invite = async (world: MemberWorld, cookie: string, json: Record<string, unknown>) => {
  const reply = await world.call('POST', '/v1/invitations', { ...session(cookie), json })
  expect(reply.status, reply.text).toBe(201)
  return reply.json.token as string
}

const problem = (reply: Reply) => [reply.status, reply.json?.code, reply.json?.reason]

describe('invitations over HTTP', () => {
  it('makes a new account once; the link is then used, and an old one expired', async () => {
    const { world, studio, owner } = await studioWithOwner()
    const email = 'new.designer@studio.example'
    const token = await invite(world, owner.cookie, { email, role: 'designer', name: '新设计师' })
    const accept = () =>
      world.call('POST', '/v1/invitations/accept', { json: { token, password: PASSWORD } })
    const joined = await accept()
    expect(joined.status, joined.text).toBe(201)
    expect(joined.json).toMatchObject({
      studioId: studio.studioId,
      member: { name: '新设计师', role: 'designer' },
    })
    expect(problem(await accept())).toEqual([410, 'gone', 'used'])
    const { reply, cookie } = await world.signIn(email, PASSWORD)
    expect(reply.status).toBe(200)
    const me = await world.call('GET', '/v1/me', { headers: { Cookie: cookie } })
    expect(me.json.studioId).toBe(studio.studioId)

    const late = await invite(world, owner.cookie, {
      email: 'late@studio.example',
      role: 'viewer',
      name: 'Late',
      ttlDays: 1,
    })
    world.clock.advance(86_400_000)
    const expired = await world.call('POST', '/v1/invitations/accept', {
      json: { token: late, password: PASSWORD },
    })
    expect(problem(expired)).toEqual([410, 'gone', 'expired'])
  })

  it('leaves no account behind when the membership cannot be made after it', async () => {
    const { world, studio, owner } = await studioWithOwner()
    const email = 'revoked.late@studio.example'
    const token = await invite(world, owner.cookie, { email, role: 'viewer', name: 'Late' })
    // The link is revoked between the page's preview and the acceptance's own transaction.
    const accept = world.atelier.members.acceptInvitation
    world.atelier.members.acceptInvitation = async (...args) => {
      const [invitation] = await world.atelier.members.listInvitations(studio.scope)
      await world.atelier.members.revokeInvitation(studio.scope, invitation!.id)
      return accept(...args)
    }
    const reply = await world.call('POST', '/v1/invitations/accept', {
      json: { token, password: PASSWORD },
    })
    world.atelier.members.acceptInvitation = accept
    expect(problem(reply)).toEqual([410, 'gone', 'revoked'])
    expect(await world.auth.findAccount(email)).toBeUndefined()
  })

  it('lets a member of another studio join with their session, and only with the invited address', async () => {
    const { world, studio, owner } = await studioWithOwner()
    const other = await world.studio('Studio 北岸')
    const guest = await world.member(other, 'designer', 'Guest Li')
    const token = await invite(world, owner.cookie, { email: guest.email, role: 'viewer' })
    const exists = await world.call('POST', '/v1/invitations/accept', {
      json: { token, password: PASSWORD, name: 'Someone' },
    })
    expect(problem(exists)).toEqual([409, 'conflict', undefined])
    const crossSite = await world.call('POST', '/v1/invitations/accept', {
      json: { token },
      headers: { Cookie: guest.cookie, Origin: 'https://evil.example' },
    })
    expect(problem(crossSite)).toEqual([403, 'forbidden', 'cross_origin'])
    const joined = await world.call('POST', '/v1/invitations/accept', {
      ...session(guest.cookie),
      json: { token },
    })
    expect(joined.status, joined.text).toBe(201)
    expect(joined.json.member).toMatchObject({ userId: guest.userId, role: 'viewer' })
    const me = await world.call('GET', '/v1/me', { headers: { Cookie: guest.cookie } })
    // Still acting where it was; both studios listed.
    expect(me.json.studioId).toBe(other.studioId)
    expect(me.json.memberships.map((m: { studio: { id: string } }) => m.studio.id).sort()).toEqual(
      [studio.studioId, other.studioId].sort(),
    )

    const theirs = await invite(world, owner.cookie, {
      email: 'someone.else@studio.example',
      role: 'viewer',
    })
    const mismatch = await world.call('POST', '/v1/invitations/accept', {
      ...session(guest.cookie),
      json: { token: theirs },
    })
    expect(problem(mismatch)).toEqual([403, 'forbidden', undefined])
    expect(mismatch.json.detail).toContain('someone.else@studio.example')
  })
})

describe('a session on the studio routes', () => {
  it('refuses a cookie-authenticated change from another origin or none; a key needs no Origin', async () => {
    const { world, studio, owner } = await studioWithOwner()
    const create = (headers: Record<string, string>, token?: string) =>
      world.call('POST', '/v1/clients', {
        json: { name: '陈静' },
        headers,
        ...(token && { token }),
      })
    const count = async () => (await world.atelier.clients.list(studio.scope)).items.length
    const origins: Record<string, string>[] = [{ Origin: 'https://evil.example' }, {}]
    for (const origin of origins) {
      const refused = await create({ Cookie: owner.cookie, ...origin })
      expect(problem(refused)).toEqual([403, 'forbidden', 'cross_origin'])
    }
    expect(await count()).toBe(0)
    expect((await create({ Cookie: owner.cookie, Origin: PUBLIC_URL })).status).toBe(201)
    expect((await create({}, studio.sk)).status).toBe(201)
    expect(await count()).toBe(2)
    // Reading needs no Origin: a browser sends none on a same-origin GET.
    const read = await world.call('GET', '/v1/clients', { headers: { Cookie: owner.cookie } })
    expect(read.status).toBe(200)
  })

  it('keeps the last owner; with a second owner the first may step down', async () => {
    const { world, studio, owner } = await studioWithOwner()
    const path = `/v1/members/${owner.memberId}`
    const demote = await world.call('PATCH', path, {
      ...session(owner.cookie),
      json: { role: 'manager' },
      ifMatch: 1,
    })
    expect([demote.status, demote.json.rule]).toEqual([409, 'last_owner'])
    const leave = await world.call('DELETE', path, { ...session(owner.cookie), ifMatch: 1 })
    expect([leave.status, leave.json.rule]).toEqual([409, 'last_owner'])
    await world.member(studio, 'owner', 'Owner Zhao')
    // Keeping an owner writes every other owner's row too: the version moved on.
    const version = (await world.atelier.members.list(studio.scope)).find(
      (m) => m.id === owner.memberId,
    )!.version
    const stepped = await world.call('PATCH', path, {
      ...session(owner.cookie),
      json: { role: 'manager' },
      ifMatch: version,
    })
    expect([stepped.status, stepped.json.role]).toEqual([200, 'manager'])
  })

  it('switches a member of two studios between them; not into a studio they are not in', async () => {
    const { world, studio, owner } = await studioWithOwner()
    const other = await world.studio('Studio 北岸')
    await world.join(other, owner, 'viewer')
    const studioOf = async () =>
      (await world.call('GET', '/v1/studio', { headers: { Cookie: owner.cookie } })).json.id
    expect(await studioOf()).toBe(studio.studioId)
    const switched = await world.call('POST', '/v1/session/studio', {
      ...session(owner.cookie),
      json: { studioId: other.studioId },
    })
    expect([switched.status, switched.json.member.role]).toEqual([200, 'viewer'])
    expect(await studioOf()).toBe(other.studioId)
    // As a viewer there: the role is the studio's, not the person's.
    const move = await world.call('POST', '/v1/clients', {
      ...session(owner.cookie),
      json: { name: 'X' },
    })
    expect([move.status, move.json.permission]).toEqual([403, 'client.create'])
    const stranger = await world.studio('Studio 远方')
    const refused = await world.call('POST', '/v1/session/studio', {
      ...session(owner.cookie),
      json: { studioId: stranger.studioId },
    })
    expect(problem(refused)).toEqual([403, 'forbidden', undefined])
    expect(await studioOf()).toBe(other.studioId)
  })

  it("refuses a removed member's session on the studio's routes at once", async () => {
    const { world, studio, owner } = await studioWithOwner()
    const designer = await world.member(studio, 'designer', 'Designer Chen')
    const read = () => world.call('GET', '/v1/studio', { headers: { Cookie: designer.cookie } })
    expect((await read()).status).toBe(200)
    const removed = await world.call('DELETE', `/v1/members/${designer.memberId}`, {
      ...session(owner.cookie),
      ifMatch: 1,
    })
    expect(removed.status, removed.text).toBe(200)
    expect(problem(await read())).toEqual([403, 'forbidden', undefined])
    const me = await world.call('GET', '/v1/me', { headers: { Cookie: designer.cookie } })
    expect([me.status, me.json.memberships]).toEqual([200, []])
  })

  it("shows the client the studio, not the designer's name; the studio's audit names the designer", async () => {
    const { world, studio } = await studioWithOwner()
    const designer = await world.member(studio, 'designer', 'Designer 王小明')
    const client = await world.atelier.clients.create(studio.scope, { name: '李明' })
    const { project } = await proposalProject(world.atelier, studio.scope, client.id, '海报')
    const noted = await world.call('POST', `/v1/projects/${project.id}/notes`, {
      ...session(designer.cookie),
      json: { text: '样稿下周一', visibility: 'client' },
    })
    expect(noted.status, noted.text).toBe(204)
    const { token } = await world.atelier.credentials.issueClientToken(studio.scope, {
      clientId: client.id,
    })
    const tracker = await world.call('GET', `/v1/client/projects/${project.id}/activity`, {
      token,
    })
    expect(tracker.status, tracker.text).toBe(200)
    const note = tracker.json.items.find((e: { action: string }) => e.action === 'note.added')
    expect(note.actor).toEqual({ kind: 'studio', label: 'Studio 山海' })
    expect(tracker.text).not.toContain('王小明')
    const view = await world.call('GET', `/v1/client/projects/${project.id}`, { token })
    expect(view.text).not.toContain('王小明')
    const audit = await world.call('GET', `/v1/projects/${project.id}/audit`, {
      headers: { Cookie: designer.cookie },
    })
    const staffNote = audit.json.items.find((e: { action: string }) => e.action === 'note.added')
    expect(staffNote.actor).toMatchObject({ kind: 'member', label: 'Designer 王小明' })
  })

  it('names the permission a role lacks', async () => {
    const { world, studio } = await studioWithOwner()
    const viewer = await world.member(studio, 'viewer', 'Viewer Zhou')
    const client = await world.atelier.clients.create(studio.scope, { name: '李明' })
    const { project } = await proposalProject(world.atelier, studio.scope, client.id, '海报')
    const move = await world.call('POST', `/v1/projects/${project.id}/moves`, {
      ...session(viewer.cookie),
      json: { to: 'production' },
      ifMatch: project.version,
    })
    expect(move.status).toBe(403)
    expect(move.json).toMatchObject({
      code: 'forbidden',
      permission: 'project.move',
      role: 'viewer',
    })
    expect(move.json.detail).toContain('project.move')
  })
})
