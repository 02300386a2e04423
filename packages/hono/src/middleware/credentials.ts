import { AtelierError, credentialOf, type Principal, type Scope } from '@atelier/core'
import { hashToken, type TokenKind, tokenKind, tokenPrefixes } from '@atelier/core/tokens'
import type { Context } from 'hono'
import type { ApiDeps, Caller, RouteAuth } from '../context.js'
import { anonymousBucket } from './rate-limit.js'

/**
 * The credential kinds each kind of route accepts.
 *
 * @example
 * accepted.public // ['publishable_key', 'secret_key']
 */
export const accepted: Record<RouteAuth, readonly Presented[]> = {
  studio: ['secret_key'],
  account: [],
  client_token: ['client_token'],
  signoff: ['signoff'],
  share_grant: ['share_grant'],
  public: ['publishable_key', 'secret_key'],
}

/** The tokens presented as credentials (an invitation's is only ever in a body). */
type Presented = Exclude<TokenKind, 'invitation'>

const isAccepted = (auth: RouteAuth, kind: TokenKind): kind is Presented =>
  (accepted[auth] as readonly TokenKind[]).includes(kind)

const BEARER = /^Bearer +([^\s]+) *$/i

/**
 * The token in `Authorization: Bearer <token>`, or undefined when there is no header.
 *
 * @example
 * bearerToken(c) // 'atl_sk_…' for Authorization: Bearer atl_sk_…
 */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('Authorization')
  if (header === undefined) return undefined
  const match = BEARER.exec(header)
  if (!match?.[1]) {
    throw new AtelierError('unauthorized', 'send the credential as Authorization: Bearer <token>')
  }
  return match[1]
}

// The scope carries the credential: the operation's own transaction checks it is still live.
function scopeOf(principal: Principal): Scope | undefined {
  const credential = credentialOf(principal)
  if (principal.kind === 'secret_key') {
    return {
      studioId: principal.studioId,
      actor: { kind: 'staff', id: principal.keyId, label: principal.label },
      role: principal.role,
      credential,
    }
  }
  if (principal.kind === 'member') {
    return {
      studioId: principal.studioId,
      actor: { kind: 'member', id: principal.memberId, label: principal.label },
      role: principal.role,
      credential,
    }
  }
  if (principal.kind === 'client_token') {
    return {
      studioId: principal.studioId,
      actor: { kind: 'client', id: principal.clientId, label: 'client' },
      credential,
    }
  }
  return undefined
}

/** What each kind of route needs, as refusals say it. */
const needed: Record<RouteAuth, string> = {
  public: 'no credential, a publishable key or a secret key',
  studio: 'a member signed in at /auth, or an atl_sk_… key',
  account: 'a member signed in at /auth',
  client_token: `an ${tokenPrefixes.client_token}… credential`,
  signoff: `an ${tokenPrefixes.signoff}… credential`,
  share_grant: `an ${tokenPrefixes.share_grant}… credential`,
}
const needs = (auth: RouteAuth) => needed[auth]

/**
 * Resolves the request's credential for a route that accepts `auth`: no credential where
 * allowed, a studio key or client token through core, or a sign-off or share token kept for
 * core to resolve (counted as anonymous until it has answered with success once, so guessed
 * links share the caller's anonymous budget). Missing, malformed, unknown, expired and revoked
 * credentials are 401; a valid credential of the wrong kind is 403.
 *
 * @example
 * const caller = await identify(deps, c, 'secret_key')
 * caller.scope?.studioId
 */
export async function identify(deps: ApiDeps, c: Context, auth: RouteAuth): Promise<Caller> {
  const token = bearerToken(c)
  if (token === undefined) {
    if (auth === 'public') return { credential: 'none', bucket: '' }
    if ((auth === 'studio' || auth === 'account') && deps.auth && c.req.header('Cookie')) {
      return sessionCaller(deps, c, auth)
    }
    throw new AtelierError(
      'unauthorized',
      `this route needs ${needs(auth)}${auth === 'account' ? '' : ' in Authorization: Bearer'}`,
    )
  }
  const kind = tokenKind(token)
  if (!kind) throw new AtelierError('unauthorized', 'the credential is not an Atelier token')
  if (!isAccepted(auth, kind)) {
    throw new AtelierError(
      'forbidden',
      `an ${tokenPrefixes[kind]}… credential cannot call this route; it needs ${needs(auth)}`,
    )
  }
  if (kind === 'signoff' || kind === 'share_grant') {
    const own = `tok:${hashToken(token).slice(0, 32)}`
    if (deps.links.has(own)) return { credential: kind, token, bucket: own }
    return { credential: kind, token, bucket: anonymousBucket(deps, c, auth), unproven: own }
  }
  // A studio key or client token names its scope, and every operation checks the credential live
  // in its own transaction; a publishable key has no scope, so it is checked here, every time.
  const principal =
    kind === 'publishable_key'
      ? await deps.atelier.credentials.authenticate(token)
      : await deps.atelier.credentials.identify(token)
  const scope = scopeOf(principal)
  return {
    credential: kind,
    principal,
    ...(scope && { scope }),
    bucket: `cred:${credentialOf(principal).id}`,
  }
}

/** Methods that change nothing, which a session may send from anywhere a browser lets it. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses a request that may change something unless its `Origin` is the server's own
 * (`publicUrl`'s): a session cookie rides along on requests other sites make (CSRF).
 *
 * @example
 * if (account) assertSameOrigin(deps, c)
 */
export function assertSameOrigin(deps: ApiDeps, c: Context): void {
  const origin = c.req.header('Origin')
  if (SAFE.has(c.req.method) || origin === deps.opts.publicOrigin) return
  throw new AtelierError(
    'forbidden',
    `a signed-in change must come from ${deps.opts.publicOrigin}, not ${origin ? origin.slice(0, 200) : 'a request without Origin'} (cross-site request refused)`,
    { reason: 'cross_origin' },
  )
}

/**
 * A member signed in by the session cookie. A request that may change something must come from
 * the server's own origin (`Origin` equal to `publicUrl`'s): the cookie rides along on requests
 * other sites make (CSRF). The session acts in the studio it is bound to (an `account` route in
 * none), as the member is there now.
 */
async function sessionCaller(
  deps: ApiDeps,
  c: Context,
  auth: 'studio' | 'account',
): Promise<Caller> {
  const account = await deps.auth!.signedIn(c.req.raw.headers)
  if (!account) {
    throw new AtelierError(
      'unauthorized',
      'the session is unknown, expired or signed out; sign in again at /auth/sign-in/email',
    )
  }
  assertSameOrigin(deps, c)
  const bucket = `session:${account.session.id}`
  account.session.activeStudioId ??= await deps.auth!.bindFirstStudio(account)
  if (auth === 'account') return { credential: 'session', account, bucket }
  const studioId = account.session.activeStudioId
  if (!studioId) {
    throw new AtelierError(
      'forbidden',
      'you are not a member of any studio yet; accept an invitation first',
    )
  }
  const principal = await deps.atelier.members.principal(studioId, account.userId)
  return { credential: 'session', principal, scope: scopeOf(principal)!, account, bucket }
}
