import { type Role, roles } from '@atelier/core'
import type { Caller } from './call.js'
import {
  cookieOf,
  type MemberWorld,
  PASSWORD,
  type SignedInMember,
  session,
} from './member-world.js'
import type { Seed } from './scenario.js'

/** A member in every role of a studio, signed in. */
export type Staff = Record<Role, SignedInMember>

async function staffOf(world: MemberWorld, studioId: string, prefix: string): Promise<Staff> {
  const staff: Partial<Staff> = {}
  for (const role of roles)
    staff[role] = await world.member({ studioId }, role, `${prefix} ${role}`)
  return staff as Staff
}

/** The id of the session a cookie signs in, as `GET /v1/sessions` names it. */
export async function sessionIdOf(call: Caller, cookie: string): Promise<string> {
  const reply = await call('GET', '/v1/sessions', { headers: { Cookie: cookie } })
  const current = reply.json?.items?.find((s: { current: boolean }) => s.current)
  if (!current) throw new Error(`no current session: ${reply.text}`)
  return current.id as string
}

/**
 * Members of studios A and B (one signed in per role in each), and A's records of the members
 * feature: a member to change and remove, a pending invitation, a used one, the session of a
 * member nobody else may end, and a cookie whose session was signed out. A's members are named
 * `Shanhai …`, which only A's data holds.
 */
export async function seedMembers(world: MemberWorld, s: Seed) {
  const a = { studioId: s.a.studioId }
  const staffA = await staffOf(world, s.a.studioId, 'Shanhai')
  const staffB = await staffOf(world, s.b.studioId, 'Beian')
  const target = await world.member(a, 'designer', 'Shanhai target')
  const holder = await world.member(a, 'viewer', 'Shanhai holder')
  const holderSession = await sessionIdOf(world.call, holder.cookie)

  const pending = await world.atelier.members.invite(s.a.scope, {
    email: 'shanhai.invited@studio.example',
    role: 'designer',
    name: 'Shanhai invited',
  })
  const used = await world.atelier.members.invite(s.a.scope, {
    email: 'shanhai.joined@studio.example',
    role: 'viewer',
  })
  const joined = await world.auth.createAccount({
    email: 'shanhai.joined@studio.example',
    name: 'Shanhai joined',
    password: PASSWORD,
  })
  await world.atelier.members.acceptInvitation(used.token, joined)

  const leaving = await world.signIn(holder.email, PASSWORD)
  const out = await world.call('POST', '/auth/sign-out', { ...session(leaving.cookie), json: {} })
  if (out.status !== 200) throw new Error(`sign-out failed: ${out.text}`)
  const signedOut = leaving.cookie
  if (cookieOf(out).includes('session_token=')) throw new Error('sign-out set a session')

  return {
    a: {
      staff: staffA,
      target,
      holder,
      holderSession,
      invitation: { id: pending.invitation.id, token: pending.token },
      usedInvitation: { id: used.invitation.id, token: used.token },
      signedOut,
    },
    b: { staff: staffB },
    markers: [
      ...Object.values(staffA).flatMap((m) => [m.memberId, m.email]),
      target.memberId,
      holder.email,
      pending.invitation.id,
      'shanhai.invited@studio.example',
    ],
  }
}

export type MemberSeed = Awaited<ReturnType<typeof seedMembers>>

/**
 * Everything of studio A a matrix must leave as it was, as JSON: its projects, audit chains,
 * keys, client tokens, clients, settings, members, invitations and a member's sessions.
 */
export async function snapshotOfA(world: MemberWorld, s: Seed, m: MemberSeed): Promise<string> {
  const { a } = s
  return JSON.stringify([
    await world.atelier.projects.view(a.scope, a.p1),
    await world.atelier.projects.view(a.scope, a.p2),
    await world.atelier.audit.list(a.scope, a.p1),
    await world.atelier.audit.list(a.scope, a.p2),
    await world.atelier.credentials.listKeys(a.scope),
    await world.atelier.credentials.listClientTokens(a.scope, a.client1),
    await world.atelier.clients.list(a.scope),
    await world.atelier.studios.get(a.studioId),
    await world.atelier.members.list(a.scope, { removed: true }),
    await world.atelier.members.listInvitations(a.scope),
    await world.auth.sessions(m.a.holder.userId),
  ])
}
