import { AtelierError } from '../errors/atelier-error.js'
import { isStudioActor, type Role, roles, type Scope } from '../internal/atoms.js'

export { type Role, roles }

/** What the studio's people and keys may read: every role may. */
const reading = ['studio.read', 'client.read', 'project.read', 'audit.read', 'member.read'] as const

/** The work on a project's files, sign-offs and rounds. */
const designing = [
  ...reading,
  'project.move',
  'project.note',
  'deliverable.create',
  'deliverable.upload',
  'signoff.create',
  'signoff.revoke',
  'round.open',
  'round.item',
] as const

/** Clients, projects and their terms, money, delivery, what leaves the studio, the team. */
const managing = [
  ...designing,
  'client.create',
  'client.update',
  'client.access',
  'project.create',
  'project.update',
  'project.cancel',
  'project.close',
  'round.quote',
  'delivery.record',
  'share.manage',
  'consent.manage',
  'member.invite',
] as const

/** The studio itself: its people, keys, settings and signing key. */
const owning = [...managing, 'member.manage', 'key.manage', 'studio.update', 'studio.sign'] as const

/**
 * What each role may do: one table, read by every operation through {@link authorize}.
 * Each role may do all that the role below it may, and more.
 *
 * | permission | what it allows |
 * |---|---|
 * | `studio.read`, `client.read`, `project.read`, `audit.read`, `member.read` | read the studio, its clients, projects (with their files, sign-offs, rounds, receipts), audit chains and access log, and its members |
 * | `project.move` | move a project along its stages (not to `cancelled` or `closed`) |
 * | `project.note` | add a note to a project's activity |
 * | `deliverable.create`, `deliverable.upload` | create deliverables, upload versions, submit for review |
 * | `signoff.create`, `signoff.revoke` | send and revoke sign-off links |
 * | `round.open`, `round.item` | open a revision round for the client, add and resolve its items |
 * | `client.create`, `client.update`, `client.access` | create and edit clients, mint and revoke their tracker access |
 * | `project.create`, `project.update`, `project.cancel`, `project.close` | create projects, edit their brief and contract, cancel and close them |
 * | `round.quote` | quote a billable round (a change order) |
 * | `delivery.record` | record a delivery |
 * | `share.manage`, `consent.manage` | share files with third parties, ask for portfolio consent |
 * | `member.invite` | invite people (in a role no higher than one's own) and revoke invitations |
 * | `member.manage` | change roles and remove members |
 * | `key.manage` | create, list and revoke API keys |
 * | `studio.update`, `studio.sign` | change the studio's settings, rotate its signing key |
 *
 * @example
 * rolePermissions.designer.includes('project.cancel') // false
 */
export const rolePermissions = {
  owner: owning,
  manager: managing,
  designer: designing,
  viewer: reading,
} as const satisfies Record<Role, readonly string[]>

/**
 * Something a role may be allowed to do, such as `project.move`.
 *
 * @example
 * const needed: Permission = 'project.cancel'
 */
export type Permission = (typeof owning)[number]

/**
 * Every permission, in the table's order (the reads first, the owner's last).
 *
 * @example
 * permissions.filter((p) => !may('designer', p)) // what a designer may not do
 */
export const permissions: readonly Permission[] = owning

/**
 * Whether `role` may do `permission`.
 *
 * @example
 * may('viewer', 'project.move') // false
 */
export function may(role: Role, permission: Permission): boolean {
  return (rolePermissions[role] as readonly Permission[]).includes(permission)
}

/**
 * The roles that may do `permission`, most trusted first.
 *
 * @example
 * rolesWith('project.cancel') // ['owner', 'manager']
 */
export function rolesWith(permission: Permission): Role[] {
  return roles.filter((role) => may(role, permission))
}

/**
 * Throws `forbidden` unless the scope may do `permission`: the scope's actor is the studio's (a
 * member or a key, with a role that allows it, or the system). A key or a staff actor without a
 * role acts as the studio's owner: that is a developer's own code calling core. The error names
 * the permission, the role and the roles that have it.
 *
 * @example
 * authorize({ studioId, actor: { kind: 'member', id, label: '王' }, role: 'viewer' }, 'project.move')
 * // throws forbidden: "your role viewer lacks the permission project.move (owner, manager, designer have it)"
 */
export function authorize(scope: Scope, permission: Permission): void {
  const { kind } = scope.actor
  if (kind === 'system') return
  if (!isStudioActor(scope.actor)) {
    throw new AtelierError('forbidden', `only the studio may do this (${permission})`, {
      permission,
    })
  }
  const role = scope.role ?? (kind === 'staff' ? 'owner' : undefined)
  if (role && may(role, permission)) return
  throw new AtelierError(
    'forbidden',
    `your role ${role ?? '(none)'} lacks the permission ${permission} (${rolesWith(permission).join(', ')} have it)`,
    { permission, ...(role && { role }) },
  )
}

/** Moves that need more than `project.move`: ending a project. */
const endingMoves: Readonly<Record<string, Permission>> = {
  cancelled: 'project.cancel',
  closed: 'project.close',
}

/**
 * The permission a stage move needs: `project.cancel` to `cancelled`, `project.close` to
 * `closed`, `project.move` to any stage.
 *
 * @example
 * movePermission('cancelled') // 'project.cancel'
 */
export function movePermission(to: string): Permission {
  return endingMoves[to] ?? 'project.move'
}
