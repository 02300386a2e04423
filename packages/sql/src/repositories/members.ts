import type { Invitation, Member } from '@atelier/core'
import type { ScopedRepositories } from '@atelier/core/storage'
import { codecs } from '../rows/codecs.js'
import { param } from './prepared.js'
import type { ScopedRunner } from './runner.js'
import { list, versioned } from './versioned.js'

/**
 * A studio's members: versioned rows, listed in id (joining) order without the removed ones
 * unless asked, and found by account among those not removed.
 *
 * @example
 * const member = await members(scoped).byUser('user_1')
 */
export function members(r: ScopedRunner): ScopedRepositories['members'] {
  const c = codecs.members
  return {
    ...versioned<Member>(r, c),
    list: ({ removed = false } = {}) =>
      removed
        ? list<Member>(r, c, 'members.list:removed', (q) => q, {})
        : list<Member>(r, c, 'members.list', (q) => q.where('removed_at', 'is', null), {}),
    async byUser(userId) {
      const [member] = await list<Member>(
        r,
        c,
        'members.byUser',
        (q) => q.where('user_id', '=', param('user')).where('removed_at', 'is', null),
        { user: userId },
      )
      return member
    },
  }
}

/**
 * A studio's invitations: versioned rows, listed in id order.
 *
 * @example
 * const pending = (await invitations(scoped).list()).filter((i) => !i.acceptedAt && !i.revokedAt)
 */
export function invitations(r: ScopedRunner): ScopedRepositories['invitations'] {
  const c = codecs.invitations
  return {
    ...versioned<Invitation>(r, c),
    list: () => list<Invitation>(r, c, 'invitations.list', (q) => q, {}),
  }
}
