import type { Scope } from '@atelier/core'
import type { Context } from 'hono'
import type { SignedIn } from '../auth/member-auth.js'

/**
 * The scope of the request's studio key or client token (set by the endpoint's credential
 * step).
 *
 * @example
 * const client = await atelier.clients.get(scopeOf(c), clientId)
 */
export function scopeOf(c: Context): Scope {
  const scope = c.get('atelierCaller')?.scope
  if (!scope)
    throw new Error('scopeOf: the route did not authenticate a studio key or client token')
  return scope
}

/**
 * The signed-in member's account and session (set on `account` routes and on `studio` routes
 * called with a session).
 *
 * @example
 * const { userId } = accountOf(c)
 */
export function accountOf(c: Context): SignedIn {
  const account = c.get('atelierCaller')?.account
  if (!account) throw new Error('accountOf: the route did not authenticate a member session')
  return account
}

/**
 * The raw sign-off or share token of the request, for core to resolve.
 *
 * @example
 * const view = await atelier.signoffs.open(tokenOf(c))
 */
export function tokenOf(c: Context): string {
  const token = c.get('atelierCaller')?.token
  if (!token) throw new Error('tokenOf: the route did not take a sign-off or share token')
  return token
}

/**
 * `…/collection` + `/id`: where a created resource lives, relative to the request.
 *
 * @example
 * locationOf(c, client.id) // '/v1/clients/cli_…' for POST /v1/clients
 */
export function locationOf(c: Context, ...segments: (string | number)[]): string {
  return [
    c.req.path.replace(/\/+$/, ''),
    ...segments.map((s) => encodeURIComponent(String(s))),
  ].join('/')
}
