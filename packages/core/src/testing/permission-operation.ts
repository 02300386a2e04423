import type { Atelier } from '../atelier.js'
import type { Scope } from '../internal/atoms.js'
import type { Permission } from '../member/roles.js'
import type { PermissionSetup } from './permission-setup.js'
import type { PermissionHarness } from './permission-world.js'

/**
 * One studio-side operation of the service, as the permission contract calls it: what it needs,
 * how to prepare state for it, how to call it, and what a successful call must have done.
 */
export interface PermissionOperation {
  /**
   * `namespace.function` as on `createAtelier(...)`; `namespace.function→case` when one
   * function needs another permission for some input (`projects.move→cancelled`).
   */
  name: string
  permission: Permission
  /**
   * Prepares, as the owner, what an allowed call needs beyond the stock state, and returns the
   * parts of the setup it replaced (`unique` is the case's, for account ids and addresses).
   * Absent when the stock state serves (reads, creations).
   */
  prepare?: (h: PermissionHarness, unique: string) => Promise<Partial<PermissionSetup>>
  /** Calls the operation as `scope` with valid input on `setup`. */
  run: (atelier: Atelier, scope: Scope, setup: PermissionSetup) => Promise<unknown>
  /** Asserts what an allowed call returned, or did. */
  check: (result: unknown, setup: PermissionSetup, h: PermissionHarness) => unknown
}

/**
 * A catalogue entry, typed by what its `run` returns so `check` reads the result as it is.
 *
 * @example
 * op({
 *   name: 'clients.create',
 *   permission: 'client.create',
 *   run: (atelier, scope) => atelier.clients.create(scope, { name: '李明' }),
 *   check: (client) => expect(client.name).toBe('李明'),
 * })
 */
export function op<R>(entry: {
  name: string
  permission: Permission
  prepare?: (h: PermissionHarness, unique: string) => Promise<Partial<PermissionSetup>>
  run: (atelier: Atelier, scope: Scope, setup: PermissionSetup) => Promise<R>
  check: (result: R, setup: PermissionSetup, h: PermissionHarness) => unknown
}): PermissionOperation {
  return entry as unknown as PermissionOperation
}

/**
 * The function of `createAtelier(...)` an operation's name stands for: the name without its
 * `→case`.
 *
 * @example
 * operationFunction('projects.move→cancelled') // 'projects.move'
 */
export function operationFunction(name: string): string {
  return name.split('→')[0] ?? name
}
