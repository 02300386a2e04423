import * as v from 'valibot'
import { roles } from '../internal/atoms.js'
import { int, named, timestamp } from '../internal/view-atoms.js'
import { type Invitation, invitationStatus, type Member } from './member.js'

const role = v.picklist(roles)

/**
 * A studio member as `viewMember` returns it.
 *
 * @example
 * const owners = (members: MemberView[]) => members.filter((m) => m.role === 'owner')
 */
export const memberViewSchema = named(
  'Member',
  v.strictObject({
    id: v.string(),
    userId: v.string(),
    name: v.string(),
    email: v.string(),
    role,
    createdAt: timestamp,
    removedAt: v.optional(timestamp),
    version: int,
  }),
  'A person in the studio, in one role: `owner`, `manager`, `designer` or `viewer`.',
)
export type MemberView = v.InferOutput<typeof memberViewSchema>

/**
 * An invitation as `viewInvitation` returns it: no token hash, the inviter by name, the status
 * at the time of the view.
 *
 * @example
 * const pending = (list: InvitationView[]) => list.filter((i) => i.status === 'pending')
 */
export const invitationViewSchema = named(
  'Invitation',
  v.strictObject({
    id: v.string(),
    email: v.string(),
    role,
    name: v.optional(v.string()),
    hint: v.string(),
    invitedBy: v.string(),
    status: v.picklist(['pending', 'accepted', 'revoked', 'expired']),
    createdAt: timestamp,
    expiresAt: timestamp,
    acceptedAt: v.optional(timestamp),
    memberId: v.optional(v.string()),
    revokedAt: v.optional(timestamp),
    version: int,
  }),
  'A single-use link that makes the person with the invited address a member, until it expires.',
)
export type InvitationView = v.InferOutput<typeof invitationViewSchema>

/**
 * What the holder of an invitation link sees before accepting it.
 *
 * @example
 * const text = (i: InvitationPreview) => `${i.studio.name} invites ${i.email} as ${i.role}`
 */
export const invitationPreviewSchema = named(
  'InvitationPreview',
  v.strictObject({
    studio: v.strictObject({ id: v.string(), name: v.string() }),
    email: v.string(),
    role,
    name: v.optional(v.string()),
    expiresAt: timestamp,
  }),
  'An invitation as its link shows it: which studio, which address, which role, until when.',
)
export type InvitationPreview = v.InferOutput<typeof invitationPreviewSchema>

/**
 * One studio a person belongs to.
 *
 * @example
 * const names = (list: MembershipView[]) => list.map((m) => m.studio.name)
 */
export const membershipViewSchema = named(
  'Membership',
  v.strictObject({
    studio: v.strictObject({ id: v.string(), name: v.string() }),
    member: memberViewSchema,
  }),
  'A studio the signed-in person belongs to, and their membership in it.',
)
export type MembershipView = v.InferOutput<typeof membershipViewSchema>

/**
 * A member without the studio id.
 *
 * @example
 * viewMember(member).role
 */
export function viewMember(member: Member): MemberView {
  const { studioId: _s, updatedAt: _u, ...rest } = member
  return rest
}

/**
 * An invitation without its hash, with its status at `now`.
 *
 * @example
 * viewInvitation(invitation, now).status // 'pending'
 */
export function viewInvitation(invitation: Invitation, now: string): InvitationView {
  const { studioId: _s, tokenHash: _h, invitedBy, ...rest } = invitation
  return { ...rest, invitedBy: invitedBy.label, status: invitationStatus(invitation, now) }
}
