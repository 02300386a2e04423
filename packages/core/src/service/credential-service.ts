import {
  type ApiKey,
  type ClientToken,
  type CreateApiKeyInput,
  clientTokenLimits,
  createApiKeySchema,
  type IssueClientTokenInput,
  issueClientTokenSchema,
  type Principal,
} from '../credential/credential.js'
import { viewApiKey, viewClientToken } from '../credential/credential-view.js'
import { AtelierError } from '../errors/atelier-error.js'
import type { Scope } from '../internal/atoms.js'
import { hashToken, type TokenKind, tokenKind, tokenLookupKey } from '../internal/tokens.js'
import { parseInput } from '../internal/validate.js'
import { authorize } from '../member/roles.js'
import type { ApiKeyView, ClientTokenView } from '../view/view-types.js'
import { type Deps, found, inStudio } from './context.js'
import { UNAUTHORIZED } from './live-credential.js'
import { lookupToken, mintToken } from './tokens.js'

/** How many tokens {@link credentialService}'s `identify` remembers per process. */
const KNOWN_TOKENS = 10_000

/**
 * Credentials: studio API keys and client tokens. Tokens are returned once, stored only as
 * SHA-256, and found again through a global lookup from hash to studio.
 */
export function credentialService(deps: Deps) {
  // What never changes about a token (its studio, client, id, label, expiry), by the token
  // itself: a token seen before costs a map lookup, not a hash. (Process memory only; what is
  // stored is the hash.)
  const known = new Map<string, Principal>()
  const service = {
    /** Creates a secret or publishable key. The token is in the result and nowhere else. */
    async createKey(
      scope: Scope,
      input: CreateApiKeyInput,
    ): Promise<{ key: ApiKeyView; token: string }> {
      authorize(scope, 'key.manage')
      const data = parseInput(createApiKeySchema, input, 'key')
      return inStudio(deps, scope, async (ctx) => {
        const id = ctx.id('key')
        const kind = data.kind === 'secret' ? 'secret_key' : 'publishable_key'
        const { token, hash } = await mintToken(deps, ctx, kind, id)
        const key: ApiKey = {
          id,
          studioId: scope.studioId,
          kind: data.kind,
          label: data.label,
          ...(data.kind === 'secret' && { role: data.role ?? 'owner' }),
          tokenHash: hash,
          hint: token.slice(-4),
          createdAt: ctx.now,
          version: 1,
        }
        await ctx.repos.apiKeys.insert(key)
        return { key: viewApiKey(key), token }
      })
    },

    async listKeys(scope: Scope): Promise<ApiKeyView[]> {
      authorize(scope, 'key.manage')
      return inStudio(
        deps,
        scope,
        async (ctx) => (await ctx.repos.apiKeys.list()).map(viewApiKey),
        { readOnly: true },
      )
    },

    /** Revokes a key at once; requests with it fail from the next one on. */
    async revokeKey(scope: Scope, keyId: string): Promise<ApiKeyView> {
      authorize(scope, 'key.manage')
      return inStudio(deps, scope, async (ctx) => {
        const key = found(await ctx.repos.apiKeys.get(keyId), 'key', keyId)
        if (key.revokedAt) return viewApiKey(key)
        return viewApiKey(
          await ctx.write(ctx.repos.apiKeys, key, { ...key, revokedAt: ctx.now }, 'key'),
        )
      })
    },

    /**
     * Issues a client token: a short-lived `session` for a studio backend that signs its own
     * clients in, or a revocable `access_link` for studios with static sites.
     */
    async issueClientToken(
      scope: Scope,
      input: IssueClientTokenInput,
    ): Promise<{ clientToken: ClientTokenView; token: string }> {
      authorize(scope, 'client.access')
      const data = parseInput(issueClientTokenSchema, input, 'client token')
      const limits = clientTokenLimits[data.kind]
      if (data.ttlSeconds !== undefined && data.ttlSeconds > limits.maxSeconds) {
        throw new AtelierError('invalid_input', 'invalid client token: ttlSeconds', {
          fields: [
            {
              path: 'ttlSeconds',
              message: `a ${data.kind} lives at most ${limits.maxSeconds} seconds`,
            },
          ],
        })
      }
      return inStudio(deps, scope, async (ctx) => {
        found(await ctx.repos.clients.get(data.clientId), 'client', data.clientId)
        const id = ctx.id('ctk')
        const { token, hash } = await mintToken(deps, ctx, 'client_token', id)
        const ttl = data.ttlSeconds ?? limits.defaultSeconds
        const clientToken: ClientToken = {
          id,
          studioId: scope.studioId,
          clientId: data.clientId,
          kind: data.kind,
          tokenHash: hash,
          hint: token.slice(-4),
          createdAt: ctx.now,
          expiresAt: new Date(Date.parse(ctx.now) + ttl * 1000).toISOString(),
          version: 1,
        }
        await ctx.repos.clientTokens.insert(clientToken)
        return { clientToken: viewClientToken(clientToken), token }
      })
    },

    /** Every token of a client, revoked ones included; an unknown client is `not_found`. */
    async listClientTokens(scope: Scope, clientId: string): Promise<ClientTokenView[]> {
      authorize(scope, 'client.access')
      return inStudio(
        deps,
        scope,
        async (ctx) => {
          found(await ctx.repos.clients.get(clientId), 'client', clientId)
          return (await ctx.repos.clientTokens.listByClient(clientId)).map(viewClientToken)
        },
        { readOnly: true },
      )
    },

    async revokeClientToken(scope: Scope, tokenId: string): Promise<ClientTokenView> {
      authorize(scope, 'client.access')
      return inStudio(deps, scope, async (ctx) => {
        const row = found(await ctx.repos.clientTokens.get(tokenId), 'client token', tokenId)
        if (row.revokedAt) return viewClientToken(row)
        const revoked = { ...row, revokedAt: ctx.now }
        return viewClientToken(
          await ctx.write(ctx.repos.clientTokens, row, revoked, 'client token'),
        )
      })
    },

    /**
     * The studio a sign-off (`atl_so_`) or share (`atl_sg_`) link belongs to, so an adapter can
     * check a browser's origin against that studio before the link is used; undefined for any
     * other or unknown token. Says nothing of whether the link is still valid.
     */
    async linkStudio(token: string): Promise<string | undefined> {
      const kind = tokenKind(token)
      if (kind !== 'signoff' && kind !== 'share_grant') return undefined
      return (await lookupToken(deps, token, kind))?.studioId
    },

    /**
     * Resolves a raw `atl_sk_`, `atl_pk_` or `atl_ct_` token to who it is. Unknown, malformed,
     * expired and revoked tokens all throw the same `unauthorized`.
     */
    async authenticate(token: string): Promise<Principal> {
      const kind: TokenKind | undefined = tokenKind(token)
      if (kind !== 'secret_key' && kind !== 'publishable_key' && kind !== 'client_token') {
        throw new AtelierError('unauthorized', UNAUTHORIZED)
      }
      const hash = hashToken(token)
      const lookupKey = tokenLookupKey(kind, hash)
      return deps.storage.transaction(
        async (tx) => {
          const lookup = await tx.lookups.get(lookupKey)
          if (!lookup) throw new AtelierError('unauthorized', UNAUTHORIZED)
          const repos = tx.scoped(lookup.studioId)
          const now = deps.runtime.clock().toISOString()
          if (kind === 'client_token') {
            const row = await repos.clientTokens.get(lookup.refId)
            if (!row || row.revokedAt || now >= row.expiresAt || row.tokenHash !== hash) {
              throw new AtelierError('unauthorized', UNAUTHORIZED)
            }
            return {
              kind,
              studioId: lookup.studioId,
              clientId: row.clientId,
              tokenId: row.id,
              expiresAt: row.expiresAt,
            }
          }
          const key = await repos.apiKeys.get(lookup.refId)
          const expected = kind === 'secret_key' ? 'secret' : 'publishable'
          if (!key || key.revokedAt || key.kind !== expected || key.tokenHash !== hash) {
            throw new AtelierError('unauthorized', UNAUTHORIZED)
          }
          const label = key.label
          return kind === 'secret_key'
            ? { kind, studioId: lookup.studioId, keyId: key.id, label, role: key.role ?? 'owner' }
            : { kind, studioId: lookup.studioId, keyId: key.id, label }
        },
        { readOnly: true },
      )
    },

    /**
     * Who a raw token is, without a transaction of its own once this process has seen it: what
     * never changes about a token (its studio, client, id, label and expiry) is kept in memory
     * after a first {@link authenticate}. Whether it was revoked since is not checked here: a
     * scope built from it carries the credential (`Scope.credential`), and the operation's own
     * transaction checks it live before anything else, so a revocation is refused on the very
     * next request in every process.
     *
     * @example
     * const principal = await atelier.credentials.identify(token)
     * const scope = { studioId: principal.studioId, actor, credential: credentialOf(principal) }
     */
    async identify(token: string): Promise<Principal> {
      const seen = known.get(token)
      const principal = seen ?? (await service.authenticate(token))
      const now = deps.runtime.clock().toISOString()
      if (principal.kind === 'client_token' && now >= principal.expiresAt) {
        known.delete(token)
        throw new AtelierError('unauthorized', UNAUTHORIZED)
      }
      if (!seen) {
        if (known.size >= KNOWN_TOKENS) known.delete(known.keys().next().value ?? '')
        known.set(token, principal)
      }
      return principal
    },
  }
  return service
}
