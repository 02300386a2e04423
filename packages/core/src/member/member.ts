import * as v from 'valibot'
import {
  type Actor,
  email,
  expectedVersion,
  idOf,
  line,
  type Role,
  roles,
} from '../internal/atoms.js'
import { tokenKind } from '../internal/tokens.js'

/**
 * A person in a studio, in one role (`const m: Member = await repos.members.get(id)`). `userId` is their account (one person, one account, any
 * number of studios). A member who left or was removed keeps the row, with `removedAt`, so the
 * audit chains that name them still resolve.
 */
export interface Member {
  id: string
  studioId: string
  userId: string
  name: string
  /** Lower case. */
  email: string
  role: Role
  createdAt: string
  updatedAt: string
  removedAt?: string
  version: number
}

/**
 * An invitation to join a studio in a role (`invitationStatus(invitation, now)` tells its state): a single-use link (`atl_iv_…`, 256 bits, stored
 * only as its SHA-256), expiring. Accepted once, by the person with the invited address.
 */
export interface Invitation {
  id: string
  studioId: string
  /** Lower case. */
  email: string
  role: Role
  name?: string
  tokenHash: string
  hint: string
  invitedBy: Actor
  createdAt: string
  expiresAt: string
  acceptedAt?: string
  /** The member the invitation made. */
  memberId?: string
  revokedAt?: string
  version: number
}

/**
 * An invitation link's token, `atl_iv_` and 43 characters.
 *
 * @example
 * v.parse(invitationTokenSchema, 'atl_iv_…')
 */
export const invitationTokenSchema = v.pipe(
  v.string(),
  v.check((token) => tokenKind(token) === 'invitation', 'must be an invitation token (atl_iv_…)'),
)

/** An address as members are kept: trimmed, lower case. */
const memberEmail = v.pipe(email, v.toLowerCase())

/**
 * Invitations live a week unless asked otherwise, at most 30 days.
 *
 * @example
 * atelier.members.invite(scope, { email, role: 'viewer', ttlDays: invitationDays.max })
 */
export const invitationDays = { default: 7, max: 30 } as const

/**
 * Inviting a person: their address, the role, a name until they choose theirs, days to expire.
 *
 * @example
 * v.parse(inviteMemberSchema, { email: 'Li@Studio.example', role: 'designer' }).email // 'li@studio.example'
 */
export const inviteMemberSchema = v.strictObject({
  email: memberEmail,
  role: v.picklist(roles),
  /** How the studio calls them until they choose their own name. */
  name: v.optional(line(120)),
  ttlDays: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(invitationDays.max)),
    invitationDays.default,
  ),
})
export type InviteMemberInput = v.InferInput<typeof inviteMemberSchema>

/**
 * Changing a member's role, at the version last read.
 *
 * @example
 * atelier.members.changeRole(scope, { id: member.id, version: member.version, role: 'manager' })
 */
export const changeRoleSchema = v.strictObject({
  id: idOf('mem'),
  version: expectedVersion,
  role: v.picklist(roles),
})
export type ChangeRoleInput = v.InferInput<typeof changeRoleSchema>

/**
 * Removing a member (or leaving), at the version last read.
 *
 * @example
 * atelier.members.remove(scope, { id: member.id, version: member.version })
 */
export const removeMemberSchema = v.strictObject({
  id: idOf('mem'),
  version: expectedVersion,
})
export type RemoveMemberInput = v.InferInput<typeof removeMemberSchema>

/**
 * Who accepts an invitation, or is added directly: their account (as the sign-in library knows
 * it), name and address.
 *
 * @example
 * atelier.members.acceptInvitation(token, { userId: user.id, name: user.name, email: user.email })
 */
export const memberAccountSchema = v.strictObject({
  userId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an account id')),
  name: line(120),
  email: memberEmail,
})
export type MemberAccountInput = v.InferInput<typeof memberAccountSchema>

/**
 * Adding an account as a member directly (the command line, seeding).
 *
 * @example
 * atelier.members.add(system, { userId, name: '王设计', email: 'wang@studio.example', role: 'owner' })
 */
export const addMemberSchema = v.strictObject({
  ...memberAccountSchema.entries,
  role: v.picklist(roles),
})
export type AddMemberInput = v.InferInput<typeof addMemberSchema>

/**
 * The state of an invitation at `now`.
 *
 * @example
 * invitationStatus(invitation, new Date().toISOString()) // 'pending'
 */
export function invitationStatus(
  invitation: Invitation,
  now: string,
): 'pending' | 'accepted' | 'revoked' | 'expired' {
  if (invitation.acceptedAt) return 'accepted'
  if (invitation.revokedAt) return 'revoked'
  return now < invitation.expiresAt ? 'pending' : 'expired'
}

/**
 * The global lookup key that lists a person's studios: `member:<userId>:<studioId>`.
 *
 * @example
 * membershipKey('usr_1', 'std_…') // 'member:usr_1:std_…'
 */
export function membershipKey(userId: string, studioId = ''): string {
  return `member:${userId}:${studioId}`
}
