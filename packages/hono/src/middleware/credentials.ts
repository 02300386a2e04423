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
export const accepted: Record<RouteAuth, readonly TokenKind[]> = {
  secret_key: ['secret_key'],
  client_token: ['client_token'],
  signoff: ['signoff'],
  share_grant: ['share_grant'],
  public: ['publishable_key', 'secret_key'],
}

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

const needs = (auth: RouteAuth) =>
  auth === 'public'
    ? 'no credential, a publishable key or a secret key'
    : `an ${tokenPrefixes[accepted[auth][0]!]}… credential`

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
    throw new AtelierError(
      'unauthorized',
      `this route needs ${needs(auth)} in Authorization: Bearer`,
    )
  }
  const kind = tokenKind(token)
  if (!kind) throw new AtelierError('unauthorized', 'the credential is not an Atelier token')
  if (!accepted[auth].includes(kind)) {
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
  const id = principal.kind === 'client_token' ? principal.tokenId : principal.keyId
  const scope = scopeOf(principal)
  return { credential: kind, principal, ...(scope && { scope }), bucket: `cred:${id}` }
}
