import { describe, expect, it } from 'vitest'
import { isAtelierError } from '../errors/atelier-error.js'
import { isStudioActor, type Scope } from '../internal/atoms.js'
import { projectStages } from '../project/stages.js'
import {
  authorize,
  may,
  movePermission,
  type Permission,
  permissions,
  rolePermissions,
  roles,
  rolesWith,
} from './roles.js'

const refusal = (scope: Scope, permission: Permission) => {
  try {
    authorize(scope, permission)
    return undefined
  } catch (error) {
    return isAtelierError(error, 'forbidden') ? error.details : error
  }
}

describe('the permission table', () => {
  it('gives each role all the role below it may do, and more', () => {
    for (const [i, role] of roles.entries()) {
      const lower = roles[i + 1]
      if (!lower) continue
      const own: readonly string[] = rolePermissions[role]
      expect(rolePermissions[lower].filter((p) => !own.includes(p))).toEqual([])
      expect(own.length).toBeGreaterThan(rolePermissions[lower].length)
    }
    expect(rolePermissions.owner).toEqual(permissions)
  })

  it('lets a viewer read, and only read', () => {
    expect(rolePermissions.viewer.every((p) => p.endsWith('.read'))).toBe(true)
    expect(permissions.filter((p) => p.endsWith('.read'))).toEqual([...rolePermissions.viewer])
  })

  it('lets a designer move projects but not cancel or close them', () => {
    for (const to of projectStages) {
      const needed = movePermission(to)
      expect(needed).toBe(
        to === 'cancelled' ? 'project.cancel' : to === 'closed' ? 'project.close' : 'project.move',
      )
      expect(may('designer', needed)).toBe(needed === 'project.move')
      expect(may('manager', needed)).toBe(true)
      expect(may('viewer', needed)).toBe(false)
    }
  })

  it('keeps the studio itself and its team to owners, invitations to managers and up', () => {
    for (const p of ['member.manage', 'key.manage', 'studio.update', 'studio.sign'] as const)
      expect(rolesWith(p)).toEqual(['owner'])
    expect(rolesWith('member.invite')).toEqual(['owner', 'manager'])
  })

  it('lists every permission once, and answers may and rolesWith from the same table', () => {
    expect(new Set(permissions).size).toBe(permissions.length)
    for (const permission of permissions) {
      expect(rolesWith(permission)).toEqual(
        roles.filter((r) => (rolePermissions[r] as readonly string[]).includes(permission)),
      )
      expect(rolesWith(permission)).toContain('owner')
    }
  })
})

describe('authorize', () => {
  const studioId = 'std_00000000000000000000000000'
  const member = (role?: Scope['role']): Scope => ({
    studioId,
    actor: { kind: 'member', id: 'mem_00000000000000000000000000', label: '王设计' },
    ...(role && { role }),
  })

  it('refuses with the permission, the role and who has it', () => {
    expect(refusal(member('viewer'), 'project.move')).toEqual({
      permission: 'project.move',
      role: 'viewer',
    })
    expect(() => authorize(member('designer'), 'project.cancel')).toThrow(
      /designer lacks the permission project\.cancel \(owner, manager have it\)/,
    )
    expect(refusal(member('designer'), 'project.move')).toBeUndefined()
  })

  it('takes a staff actor without a role as the owner, and lets the system do anything', () => {
    const staff: Scope = { studioId, actor: { kind: 'staff', id: 'me', label: 'Me' } }
    const system: Scope = { studioId, actor: { kind: 'system', id: 'cli', label: 'CLI' } }
    for (const permission of permissions) {
      expect(refusal(staff, permission)).toBeUndefined()
      expect(refusal(system, permission)).toBeUndefined()
    }
    expect(refusal({ ...staff, role: 'viewer' }, 'studio.update')).toEqual({
      permission: 'studio.update',
      role: 'viewer',
    })
  })

  it('refuses a member without a role, and anyone not of the studio', () => {
    expect(refusal(member(), 'project.read')).toEqual({ permission: 'project.read' })
    for (const kind of ['client', 'signer', 'third_party'] as const) {
      const scope: Scope = { studioId, actor: { kind, id: 'x', label: 'X' }, role: 'owner' }
      expect(refusal(scope, 'project.read')).toEqual({ permission: 'project.read' })
      expect(isStudioActor(scope.actor)).toBe(false)
    }
    expect(isStudioActor(member().actor)).toBe(true)
  })
})
