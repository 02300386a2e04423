import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Atelier } from '../atelier.js'
import { isAtelierError } from '../errors/atelier-error.js'
import type { Role, Scope } from '../internal/atoms.js'
import { may, permissions, roles } from '../member/roles.js'
import type { Storage } from '../storage/storage-port.js'
import { permissionCatalogue, unscopedOperations } from './permission-catalogue.js'
import { operationFunction, type PermissionOperation } from './permission-operation.js'
import { buildPermissionWorld, type PermissionWorld } from './permission-world.js'

export interface PermissionContractOptions {
  /** Names the suite, e.g. `sqlite file`. */
  name: string
  /** A fresh, migrated, empty storage. */
  create: () => Storage | Promise<Storage>
}

/**
 * The operations also called with a secret key of each role: both sides of the table.
 *
 * @example
 * keyOperations.includes('projects.addNote') // true
 */
export const keyOperations = ['projects.move→cancelled', 'projects.addNote'] as const

/** `namespace.function` for every function of the service, and the top-level ones by name. */
function serviceFunctions(atelier: Atelier): string[] {
  return Object.entries(atelier).flatMap(([name, value]) =>
    typeof value === 'function'
      ? [name]
      : Object.entries(value as Record<string, unknown>)
          .filter(([, fn]) => typeof fn === 'function')
          .map(([fn]) => `${name}.${fn}`),
  )
}

async function expectAllowed(
  world: PermissionWorld,
  operation: PermissionOperation,
  scope: Scope,
  unique: string,
): Promise<void> {
  const h = world.harness
  const setup = { ...h.stock, unique, ...(await operation.prepare?.(h, unique)) }
  const result = await operation.run(h.atelier, scope, setup)
  await operation.check(result, setup, h)
}

async function expectForbidden(
  world: PermissionWorld,
  operation: PermissionOperation,
  scope: Scope,
  role: Role,
  unique: string,
): Promise<void> {
  const h = world.harness
  const before = await world.fingerprint()
  const puts = world.blobPuts()
  const error = await operation.run(h.atelier, scope, { ...h.stock, unique }).then(
    () => 'it succeeded',
    (e: unknown) => e,
  )
  expect(isAtelierError(error, 'forbidden'), `expected forbidden, got ${String(error)}`).toBe(true)
  expect(isAtelierError(error) && error.details).toMatchObject({
    permission: operation.permission,
    role,
  })
  expect(await world.fingerprint(), 'a refused call wrote nothing').toEqual(before)
  expect(world.blobPuts(), 'a refused call stored no bytes').toBe(puts)
}

/**
 * The permission table walked through the whole service, as a Vitest suite: every operation
 * of {@link permissionCatalogue} called as a member of every role (and some as a secret key of
 * every role) on a fresh storage. Where the table allows it, the call succeeds on state
 * prepared for it and does what it should; where not, it is refused `forbidden`, naming the
 * permission and the role, and the studio's records are as they were. A completeness test
 * fails for any function of the service that is neither in the catalogue nor classified in
 * {@link unscopedOperations}.
 *
 * @example
 * import { runPermissionContract } from '@atelier/core/testing'
 * runPermissionContract({ name: 'sqlite file', create: () => openSqlite(tmpFile()) })
 */
export function runPermissionContract(options: PermissionContractOptions): void {
  describe(`permission contract: ${options.name}`, () => {
    let world: PermissionWorld
    beforeAll(async () => {
      world = await buildPermissionWorld(await options.create())
    })
    afterAll(async () => {
      await world?.harness.atelier.close()
    })

    let cases = 0
    const call = (operation: PermissionOperation, role: Role, scope: () => Scope) => {
      const allowed = may(role, operation.permission)
      const unique = `case${++cases}`
      const outcome = allowed ? 'allowed' : 'forbidden'
      it(`${operation.name} as ${role}: ${outcome} (${operation.permission})`, () =>
        allowed
          ? expectAllowed(world, operation, scope(), unique)
          : expectForbidden(world, operation, scope(), role, unique))
    }

    describe('as a member of each role', () => {
      for (const operation of permissionCatalogue)
        for (const role of roles) call(operation, role, () => world.members[role])
    })

    describe('as a secret key of each role', () => {
      for (const name of keyOperations) {
        const operation = permissionCatalogue.find((o) => o.name === name)
        if (!operation) throw new Error(`${name} is not in the catalogue`)
        for (const role of roles) call(operation, role, () => world.keys[role])
      }
    })

    it('classifies every function of the service: catalogued, or unscoped with a reason', () => {
      const functions = serviceFunctions(world.harness.atelier)
      const catalogued = new Set(permissionCatalogue.map((o) => operationFunction(o.name)))
      const unscoped = Object.keys(unscopedOperations)
      expect(
        functions.filter((f) => !catalogued.has(f) && !unscoped.includes(f)),
        'unclassified: add each to the permission catalogue or to unscopedOperations',
      ).toEqual([])
      expect([...catalogued, ...unscoped].filter((f) => !functions.includes(f))).toEqual([])
      expect(unscoped.filter((f) => catalogued.has(f))).toEqual([])
      const names = permissionCatalogue.map((o) => o.name)
      expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([])
    })

    it('needs every permission of the table for some operation', () => {
      const needed = new Set(permissionCatalogue.map((o) => o.permission))
      expect(permissions.filter((p) => !needed.has(p))).toEqual([])
    })
  })
}
