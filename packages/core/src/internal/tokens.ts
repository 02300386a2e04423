import { AtelierError } from '../errors/atelier-error.js'
import { toBase64Url } from './encoding.js'
import { sha256Hex } from './hash.js'
import type { Runtime } from './runtime.js'

/** Credential kinds and their prefixes. Every token carries 256 bits of randomness. */
export const tokenPrefixes = {
  secret_key: 'atl_sk_',
  publishable_key: 'atl_pk_',
  client_token: 'atl_ct_',
  signoff: 'atl_so_',
  share_grant: 'atl_sg_',
  invitation: 'atl_iv_',
} as const

export type TokenKind = keyof typeof tokenPrefixes

/** A fresh token of the kind: prefix + 32 random bytes in base64url (43 characters). */
export function newToken(kind: TokenKind, runtime: Runtime): { token: string; hash: string } {
  const token = tokenPrefixes[kind] + toBase64Url(runtime.random(32))
  return { token, hash: hashToken(token) }
}

const lookupPrefixes: Record<TokenKind, string> = {
  secret_key: 'key',
  publishable_key: 'key',
  client_token: 'client_token',
  signoff: 'signoff',
  share_grant: 'grant',
  invitation: 'invitation',
}

/** The global lookup key under which a token's hash points at its studio and record. */
export function tokenLookupKey(kind: TokenKind, hash: string): string {
  return `${lookupPrefixes[kind]}:${hash}`
}

/** The only form in which a token is stored: lower-case hex SHA-256 of the whole string. */
export function hashToken(token: string): string {
  return sha256Hex(token)
}

const TOKEN_SHAPE = /^atl_(sk|pk|ct|so|sg|iv)_[A-Za-z0-9_-]{43}$/

/** Which kind a raw token claims to be, or undefined when it is not shaped like one. */
export function tokenKind(token: string): TokenKind | undefined {
  if (!TOKEN_SHAPE.test(token)) return undefined
  const prefix = token.slice(0, 7)
  return (Object.keys(tokenPrefixes) as TokenKind[]).find((k) => tokenPrefixes[k] === prefix)
}

/** Throws `unauthorized` unless `token` is well-formed and of the expected kind. */
export function assertTokenKind(token: string, kind: TokenKind): void {
  if (tokenKind(token) !== kind) {
    throw new AtelierError('unauthorized', `expected a ${tokenPrefixes[kind]}… token`)
  }
}
