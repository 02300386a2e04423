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
 * A member as the studio sees it: field by field, so a field added to the record stays inside
 * until a view names it.
 *
 * @example
 * viewMember(member).role
 */
export function viewMember(member: Member): MemberView {
  const { id, userId, name, email, role, createdAt, removedAt, version } = member
  return { id, userId, name, email, role, createdAt, ...(removedAt && { removedAt }), version }
}

/**
 * An invitation without its hash, with its status at `now` and its inviter by name.
 *
 * @example
 * viewInvitation(invitation, now).status // 'pending'
 */
export function viewInvitation(invitation: Invitation, now: string): InvitationView {
  const { id, email, role, name, hint, invitedBy, createdAt, expiresAt } = invitation
  const { acceptedAt, memberId, revokedAt, version } = invitation
  return {
    id,
    email,
    role,
    ...(name && { name }),
    hint,
    invitedBy: invitedBy.label,
    status: invitationStatus(invitation, now),
    createdAt,
    expiresAt,
    ...(acceptedAt && { acceptedAt }),
    ...(memberId && { memberId }),
    ...(revokedAt && { revokedAt }),
    version,
  }
}

/**
 * An invitation as its link shows it, before it is accepted.
 *
 * @example
 * viewInvitationPreview(invitation, studio).studio.name // 'Studio 山海'
 */
export function viewInvitationPreview(
  invitation: Invitation,
  studio: { id: string; name: string },
): InvitationPreview {
  const { email, role, name, expiresAt } = invitation
  return {
    studio: { id: studio.id, name: studio.name },
    email,
    role,
    ...(name && { name }),
    expiresAt,
  }
}

/**
 * One studio of a person, with their membership in it.
 *
 * @example
 * viewMembership(studio, member).member.role
 */
export function viewMembership(
  studio: { id: string; name: string },
  member: Member,
): MembershipView {
  return { studio: { id: studio.id, name: studio.name }, member: viewMember(member) }
}
