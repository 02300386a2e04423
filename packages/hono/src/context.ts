import type { Atelier, Principal, Scope } from '@atelier/core'
import type { MemberAuth, SignedIn } from './auth/member-auth.js'
import type { KnownLinks } from './middleware/known-links.js'
import type { ResolvedOptions } from './options.js'

/**
 * Which credential a route accepts: `studio` routes a secret key or a member's session (in the
 * studio it is bound to), `account` routes a member's session only (whatever its studio),
 * `public` routes none, a publishable key or a secret key.
 *
 * @example
 * const auth: RouteAuth = 'client_token'
 */
export type RouteAuth = 'studio' | 'account' | 'client_token' | 'signoff' | 'share_grant' | 'public'

/**
 * Who is calling, as the credential middleware resolved it.
 *
 * @example
 * const caller: Caller = c.get('atelierCaller')
 */
export interface Caller {
  /** The kind of credential presented, or `none`. */
  credential:
    | 'secret_key'
    | 'session'
    | 'publishable_key'
    | 'client_token'
    | 'signoff'
    | 'share_grant'
    | 'none'
  /** For studio keys and client tokens. */
  principal?: Principal
  /** For studio keys, member sessions and client tokens: the scope core operations run in. */
  scope?: Scope
  /** For a member's session: the account and the session. */
  account?: SignedIn
  /** For sign-off and share tokens, which core resolves itself. Never logged. */
  token?: string
  /** The bucket rate limits count this caller in. */
  bucket: string
  /**
   * For a sign-off or share token this API has not yet answered with success: its own bucket,
   * used once it has. Until then it counts in the anonymous `bucket`, with the anonymous limit.
   */
  unproven?: string
}

declare module 'hono' {
  interface ContextVariableMap {
    /** Set on every `/v1` route by the credential middleware. */
    atelierCaller: Caller
    /** The version from `If-Match`, on routes that require it. */
    atelierVersion: number
    /** The request's id, echoed in `X-Request-Id` (set first on every request). */
    requestId: string
    /** Headers every response to the request carries, until a response takes them (`send`). */
    atelierHeaders: Record<string, string> | undefined
  }
}

/**
 * What route modules are built from.
 *
 * @example
 * const deps: ApiDeps = { atelier, opts: resolveOptions({ publicUrl }), links: knownLinks() }
 */
export interface ApiDeps {
  atelier: Atelier
  opts: ResolvedOptions
  /** Links that answered with success, which count in their own rate-limit bucket. */
  links: KnownLinks
  /** Member sign-in, when the API was given one. */
  auth?: MemberAuth
}
