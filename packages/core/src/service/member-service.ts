import type { Principal } from '../credential/credential.js'
import { AtelierError } from '../errors/atelier-error.js'
import type { Role, Scope } from '../internal/atoms.js'
import { parseInput } from '../internal/validate.js'
import {
  type AddMemberInput,
  addMemberSchema,
  type ChangeRoleInput,
  changeRoleSchema,
  type Member,
  membershipKey,
  type RemoveMemberInput,
  removeMemberSchema,
} from '../member/member.js'
import {
  type MembershipView,
  type MemberView,
  viewMember,
  viewMembership,
} from '../member/member-view.js'
import { authorize } from '../member/roles.js'
import { type Deps, found, inStudio, type StudioTx } from './context.js'
import { expectVersion } from './load.js'

/**
 * A studio's people: members in roles, the last owner kept (invitations are
 * {@link invitationService}'s). The accounts themselves (passwords, sessions) belong to the
 * sign-in library; a member names its account by `userId`.
 *
 * @example
 * const members = memberService(deps) // atelier.members
 */
export function memberService(deps: Deps) {
  return {
    /** The studio's members in joining order; removed ones too when asked. */
    async list(scope: Scope, query: { removed?: boolean } = {}): Promise<MemberView[]> {
      authorize(scope, 'member.read')
      return inStudio(
        deps,
        scope,
        async (ctx) => (await ctx.repos.members.list(query)).map(viewMember),
        { readOnly: true },
      )
    },

    /**
     * Adds an account as a member directly: for the command line and seeding (the `system`
     * actor only); people join through invitations.
     */
    async add(scope: Scope, input: AddMemberInput): Promise<MemberView> {
      if (scope.actor.kind !== 'system') {
        throw new AtelierError('forbidden', 'members join through invitations', {
          permission: 'member.manage',
        })
      }
      const data = parseInput(addMemberSchema, input, 'member')
      return inStudio(deps, scope, async (ctx) => viewMember(await addMember(ctx, data)))
    },

    /** Changes a member's role. The last owner cannot be demoted. */
    async changeRole(scope: Scope, input: ChangeRoleInput): Promise<MemberView> {
      authorize(scope, 'member.manage')
      const data = parseInput(changeRoleSchema, input, 'member')
      return inStudio(deps, scope, async (ctx) => {
        const member = await liveMember(ctx, data.id)
        expectVersion(member, data.version, 'member')
        if (member.role === data.role) return viewMember(member)
        if (member.role === 'owner') await keepAnOwner(ctx, member, 'be demoted')
        return viewMember(
          await ctx.write(ctx.repos.members, member, { ...member, role: data.role }, 'member'),
        )
      })
    },

    /**
     * Removes a member (`member.manage`), or lets members leave themselves. The last owner cannot
     * leave. The row stays, marked removed, so the history that names them still reads.
     */
    async remove(scope: Scope, input: RemoveMemberInput): Promise<MemberView> {
      const self = scope.actor.kind === 'member' && scope.actor.id === input?.id
      if (!self) authorize(scope, 'member.manage')
      const data = parseInput(removeMemberSchema, input, 'member')
      return inStudio(deps, scope, async (ctx) => {
        const member = await liveMember(ctx, data.id)
        expectVersion(member, data.version, 'member')
        if (member.role === 'owner') await keepAnOwner(ctx, member, self ? 'leave' : 'be removed')
        return viewMember(
          await ctx.write(ctx.repos.members, member, { ...member, removedAt: ctx.now }, 'member'),
        )
      })
    },

    /** The studios account `userId` belongs to, with the membership in each. */
    async memberships(userId: string): Promise<MembershipView[]> {
      return deps.storage.transaction(
        async (tx) => {
          const lookups = await tx.lookups.list(membershipKey(userId), 1_000)
          const views: MembershipView[] = []
          for (const { studioId } of lookups) {
            const member = await tx.scoped(studioId).members.byUser(userId)
            const studio = await tx.studios.get(studioId)
            if (member && studio) views.push(viewMembership(studio, member))
          }
          return views
        },
        { readOnly: true },
      )
    },

    /**
     * Who account `userId` is in studio `studioId`: the principal a signed-in request acts as,
     * with the member's role now. Throws `forbidden` when the account is not a member there.
     */
    async principal(studioId: string, userId: string): Promise<Principal> {
      const member = await deps.storage.transaction(
        (tx) => tx.scoped(studioId).members.byUser(userId),
        { readOnly: true },
      )
      if (!member) {
        throw new AtelierError('forbidden', `you are not a member of studio ${studioId}`)
      }
      return {
        kind: 'member',
        studioId,
        memberId: member.id,
        label: member.name,
        role: member.role,
      }
    },
  }
}

async function liveMember(ctx: StudioTx, id: string): Promise<Member> {
  const member = found(await ctx.repos.members.get(id), 'member', id)
  if (member.removedAt) throw new AtelierError('not_found', `member ${id} not found`)
  return member
}

/**
 * Makes account `data.userId` a member, once per studio, and lists the studio as theirs.
 *
 * @example
 * const member = await addMember(ctx, { userId, name: '王', email: 'w@studio.example', role: 'designer' })
 */
export async function addMember(
  ctx: StudioTx,
  data: AddMemberInput & { role: Role },
): Promise<Member> {
  if (await ctx.repos.members.byUser(data.userId)) {
    throw new AtelierError('conflict', `${data.email} is already a member of this studio`)
  }
  const member: Member = {
    id: ctx.id('mem'),
    studioId: ctx.studioId,
    userId: data.userId,
    name: data.name,
    email: data.email,
    role: data.role,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 1,
  }
  await ctx.repos.members.insert(member)
  const key = membershipKey(data.userId, ctx.studioId)
  if (!(await ctx.tx.lookups.get(key))) {
    await ctx.tx.lookups.insert({ key, studioId: ctx.studioId, refId: data.userId })
  }
  return member
}

/**
 * Refuses to let `member`, an owner, stop being one when no other owner remains. Every other
 * owner's row is written too (same content, next version), so two owners demoting each other at
 * once collide on a row and one of them runs again, seeing the other's change.
 */
async function keepAnOwner(ctx: StudioTx, member: Member, change: string): Promise<void> {
  const others = (await ctx.repos.members.list()).filter(
    (m) => m.role === 'owner' && m.id !== member.id,
  )
  if (others.length === 0) {
    throw new AtelierError(
      'conflict',
      `the last owner cannot ${change}; make another member owner first`,
      { rule: 'last_owner' },
    )
  }
  for (const other of others) await ctx.write(ctx.repos.members, other, other, 'member')
}
