import * as v from 'valibot'
import { type CredentialRef, idOf, line, type Role, roles } from '../internal/atoms.js'

/** A studio API key: `secret` for servers and staff tools, `publishable` for the browser. */
export interface ApiKey {
  id: string
  studioId: string
  kind: 'secret' | 'publishable'
  label: string
  /**
   * What a secret key may do, as a member in this role may (chosen when minted, never changed);
   * a publishable key has none (it reaches public routes only).
   */
  role?: Role
  tokenHash: string
  /** The last four characters of the token, to tell keys apart in a list. */
  hint: string
  createdAt: string
  revokedAt?: string
  version: number
}

/**
 * A client credential: a short-lived `session` minted by the studio's backend, or a long-lived
 * revocable `access_link` for studios with static sites.
 */
export interface ClientToken {
  id: string
  studioId: string
  clientId: string
  kind: 'session' | 'access_link'
  tokenHash: string
  hint: string
  createdAt: string
  expiresAt: string
  revokedAt?: string
  version: number
}

export const createApiKeySchema = v.pipe(
  v.strictObject({
    kind: v.picklist(['secret', 'publishable']),
    label: v.optional(line(80), 'key'),
    /** A secret key's role. @default 'owner' */
    role: v.optional(v.picklist(roles)),
  }),
  v.forward(
    v.check(
      (key) => key.kind === 'secret' || key.role === undefined,
      'only a secret key has a role',
    ),
    ['role'],
  ),
)
export type CreateApiKeyInput = v.InferInput<typeof createApiKeySchema>

/** Session tokens live at most a day; access links at most a year. */
export const clientTokenLimits = {
  session: { defaultSeconds: 3_600, maxSeconds: 86_400 },
  access_link: { defaultSeconds: 180 * 86_400, maxSeconds: 365 * 86_400 },
} as const

export const issueClientTokenSchema = v.strictObject({
  clientId: idOf('cli'),
  kind: v.optional(v.picklist(['session', 'access_link']), 'session'),
  ttlSeconds: v.optional(
    v.pipe(
      v.number(),
      v.integer(),
      v.minValue(60),
      v.maxValue(clientTokenLimits.access_link.maxSeconds),
    ),
  ),
})
export type IssueClientTokenInput = v.InferInput<typeof issueClientTokenSchema>

/** What an authenticated credential resolves to. */
export type Principal =
  | { kind: 'secret_key'; studioId: string; keyId: string; label: string; role: Role }
  | { kind: 'publishable_key'; studioId: string; keyId: string; label: string }
  | { kind: 'client_token'; studioId: string; clientId: string; tokenId: string; expiresAt: string }
  | { kind: 'member'; studioId: string; memberId: string; label: string; role: Role }

/**
 * The credential a principal stands for, as a scope carries it so operations check it live.
 *
 * @example
 * credentialOf({ kind: 'client_token', studioId, clientId, tokenId, expiresAt }) // { kind: 'client_token', id: tokenId }
 */
export function credentialOf(principal: Principal): CredentialRef {
  if (principal.kind === 'client_token') return { kind: 'client_token', id: principal.tokenId }
  if (principal.kind === 'member') return { kind: 'member', id: principal.memberId }
  return { kind: 'key', id: principal.keyId }
}
