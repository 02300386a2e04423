import { AtelierError } from '../errors/atelier-error.js'
import type { Role, Scope } from '../internal/atoms.js'
import { parseInput } from '../internal/validate.js'
import {
  type Invitation,
  type InviteMemberInput,
  invitationStatus,
  inviteMemberSchema,
  type MemberAccountInput,
  memberAccountSchema,
} from '../member/member.js'
import {
  type InvitationPreview,
  type InvitationView,
  type MemberView,
  viewInvitation,
  viewInvitationPreview,
  viewMember,
} from '../member/member-view.js'
import { authorize, roles } from '../member/roles.js'
import { type Deps, found, inStudio } from './context.js'
import { addMember } from './member-service.js'
import { inToken, mintToken } from './tokens.js'

const UNKNOWN_INVITATION = 'the invitation link is unknown; ask the studio for a new one'

/**
 * Invitations: a single-use `atl_iv_` link per address and role, stored as its SHA-256, that
 * makes the person who accepts it (with the invited address) a member.
 *
 * @example
 * const { invite } = invitationService(deps) // atelier.members.invite
 */
export function invitationService(deps: Deps) {
  return {
    /**
     * Invites a person by address, in a role no higher than the inviter's own. Earlier pending
     * invitations of the same address stop working. The link's token is in the result and
     * nowhere else.
     */
    async invite(
      scope: Scope,
      input: InviteMemberInput,
    ): Promise<{ invitation: InvitationView; token: string }> {
      authorize(scope, 'member.invite')
      const data = parseInput(inviteMemberSchema, input, 'invitation')
      if (scope.actor.kind !== 'system') assertNotAbove(data.role, scope.role ?? 'owner')
      return inStudio(deps, scope, async (ctx) => {
        const members = await ctx.repos.members.list()
        if (members.some((m) => m.email === data.email)) {
          throw new AtelierError('conflict', `${data.email} is already a member of this studio`, {
            fields: [{ path: 'email', message: 'is already a member' }],
          })
        }
        for (const earlier of await ctx.repos.invitations.list()) {
          if (earlier.email !== data.email || invitationStatus(earlier, ctx.now) !== 'pending')
            continue
          await ctx.write(
            ctx.repos.invitations,
            earlier,
            { ...earlier, revokedAt: ctx.now },
            'invitation',
          )
        }
        const id = ctx.id('inv')
        const { token, hash } = await mintToken(deps, ctx, 'invitation', id)
        const invitation: Invitation = {
          id,
          studioId: ctx.studioId,
          email: data.email,
          role: data.role,
          ...(data.name && { name: data.name }),
          tokenHash: hash,
          hint: token.slice(-4),
          invitedBy: scope.actor,
          createdAt: ctx.now,
          expiresAt: new Date(Date.parse(ctx.now) + data.ttlDays * 86_400_000).toISOString(),
          version: 1,
        }
        await ctx.repos.invitations.insert(invitation)
        return { invitation: viewInvitation(invitation, ctx.now), token }
      })
    },

    /** Every invitation of the studio, newest last, with its status now. */
    async listInvitations(scope: Scope): Promise<InvitationView[]> {
      authorize(scope, 'member.invite')
      return inStudio(
        deps,
        scope,
        async (ctx) => (await ctx.repos.invitations.list()).map((i) => viewInvitation(i, ctx.now)),
        { readOnly: true },
      )
    },

    /** Revokes a pending invitation; its link stops working at once. */
    async revokeInvitation(scope: Scope, invitationId: string): Promise<InvitationView> {
      authorize(scope, 'member.invite')
      return inStudio(deps, scope, async (ctx) => {
        const row = found(await ctx.repos.invitations.get(invitationId), 'invitation', invitationId)
        if (invitationStatus(row, ctx.now) !== 'pending') return viewInvitation(row, ctx.now)
        const next = await ctx.write(
          ctx.repos.invitations,
          row,
          { ...row, revokedAt: ctx.now },
          'invitation',
        )
        return viewInvitation(next, ctx.now)
      })
    },

    /**
     * What an invitation link offers (studio, address, role, expiry), for the page that asks
     * the person to accept it. A link that was used, revoked or expired is `gone`; one nobody
     * issued is `unauthorized`.
     */
    async previewInvitation(token: string): Promise<InvitationPreview> {
      return inToken(
        deps,
        token,
        'invitation',
        UNKNOWN_INVITATION,
        async (ctx, id) => {
          const invitation = pending(await ctx.repos.invitations.get(id), ctx.now)
          return viewInvitationPreview(invitation, await ctx.studio())
        },
        { readOnly: true },
      )
    },

    /**
     * Accepts an invitation for the account `userId` (whose address must be the invited one):
     * the person becomes a member in the invited role, and the link is used up.
     */
    async acceptInvitation(
      token: string,
      account: MemberAccountInput,
    ): Promise<{ studioId: string; member: MemberView }> {
      const data = parseInput(memberAccountSchema, account, 'account')
      return inToken(deps, token, 'invitation', UNKNOWN_INVITATION, async (ctx, id) => {
        const invitation = pending(await ctx.repos.invitations.get(id), ctx.now)
        if (invitation.email !== data.email) {
          throw new AtelierError(
            'forbidden',
            `this invitation is for ${invitation.email}; sign in with that address to accept it`,
          )
        }
        const member = await addMember(ctx, { ...data, role: invitation.role })
        await ctx.write(
          ctx.repos.invitations,
          invitation,
          { ...invitation, acceptedAt: ctx.now, memberId: member.id },
          'invitation',
        )
        return { studioId: ctx.studioId, member: viewMember(member) }
      })
    },
  }
}

/** Throws `forbidden` when `role` is above `own`: nobody hands out more than they hold. */
function assertNotAbove(role: Role, own: Role): void {
  if (roles.indexOf(role) < roles.indexOf(own)) {
    throw new AtelierError('forbidden', `a ${own} cannot invite an ${role}; ask an owner`, {
      permission: 'member.manage',
      fields: [{ path: 'role', message: `must be ${own} or below` }],
    })
  }
}

/** A pending invitation, else `gone` saying why (used, revoked, expired). */
function pending(invitation: Invitation | undefined, now: string): Invitation {
  if (!invitation) throw new AtelierError('unauthorized', UNKNOWN_INVITATION)
  const status = invitationStatus(invitation, now)
  if (status === 'pending') return invitation
  const reason = status === 'accepted' ? 'used' : status
  throw new AtelierError('gone', `this invitation was ${status}; ask the studio for a new one`, {
    reason,
  })
}
