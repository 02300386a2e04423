import * as v from 'valibot'
import { int, named, timestamp } from '../internal/view-atoms.js'
import type { ApiKey, ClientToken } from './credential.js'
import { createApiKeySchema, issueClientTokenSchema } from './credential.js'

/**
 * An API key as `viewApiKey` returns it: no token hash; `hint` is the token's last characters.
 *
 * @example
 * const key: ApiKeyView = viewApiKey(stored)
 */
export const apiKeyViewSchema = named(
  'ApiKey',
  v.strictObject({
    id: v.string(),
    kind: createApiKeySchema.pipe[0].entries.kind,
    label: v.unwrap(createApiKeySchema.pipe[0].entries.label),
    role: createApiKeySchema.pipe[0].entries.role,
    hint: v.string(),
    createdAt: timestamp,
    revokedAt: v.optional(timestamp),
    version: int,
  }),
  'A studio API key: `secret` for servers and staff tools, `publishable` for the browser.',
)

/**
 * What `viewApiKey` returns (see {@link apiKeyViewSchema}).
 *
 * @example
 * const live = (keys: ApiKeyView[]) => keys.filter((k) => !k.revokedAt)
 */
export type ApiKeyView = v.InferOutput<typeof apiKeyViewSchema>

/**
 * A client token as `viewClientToken` returns it: no token hash.
 *
 * @example
 * const token: ClientTokenView = viewClientToken(stored)
 */
export const clientTokenViewSchema = named(
  'ClientToken',
  v.strictObject({
    id: v.string(),
    clientId: v.string(),
    kind: v.unwrap(issueClientTokenSchema.entries.kind),
    hint: v.string(),
    createdAt: timestamp,
    expiresAt: timestamp,
    revokedAt: v.optional(timestamp),
    version: int,
  }),
  'A client credential: a short-lived `session` or a long-lived, revocable `access_link`.',
)

/**
 * What `viewClientToken` returns (see {@link clientTokenViewSchema}).
 *
 * @example
 * const sessions = (tokens: ClientTokenView[]) => tokens.filter((t) => t.kind === 'session')
 */
export type ClientTokenView = v.InferOutput<typeof clientTokenViewSchema>

/**
 * An API key without its hash: what staff see of it after it was shown once.
 *
 * @example
 * viewApiKey(key).label
 */
export function viewApiKey(key: ApiKey): ApiKeyView {
  const { tokenHash: _h, studioId: _s, ...rest } = key
  return rest
}

/**
 * A client token without its hash.
 *
 * @example
 * viewClientToken(token).expiresAt
 */
export function viewClientToken(token: ClientToken): ClientTokenView {
  const { tokenHash: _h, studioId: _s, ...rest } = token
  return rest
}
