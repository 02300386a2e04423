import { AtelierError } from '../errors/atelier-error.js'
import type { CredentialRef } from '../internal/atoms.js'
import type { ScopedRepositories } from '../storage/storage-port.js'

/** What every refused credential is told: never which part failed. */
export const UNAUTHORIZED = 'the credential is unknown, expired or revoked'

/**
 * Throws `unauthorized` unless the API key or client token is still live: present, not
 * revoked, not expired. Runs inside the operation's own transaction, so a revocation that
 * committed before it is always seen.
 *
 * @example
 * await assertLive(ctx.repos, { kind: 'client_token', id: 'ctk_…' }, ctx.now)
 */
export async function assertLive(
  repos: ScopedRepositories,
  ref: CredentialRef,
  now: string,
): Promise<void> {
  const row =
    ref.kind === 'client_token'
      ? await repos.clientTokens.get(ref.id)
      : await repos.apiKeys.get(ref.id)
  const expiresAt = row && 'expiresAt' in row ? row.expiresAt : undefined
  if (!row || row.revokedAt || (expiresAt !== undefined && now >= expiresAt)) {
    throw new AtelierError('unauthorized', UNAUTHORIZED)
  }
}
