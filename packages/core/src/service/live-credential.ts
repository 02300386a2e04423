import { AtelierError } from '../errors/atelier-error.js'
import type { CredentialRef, Role } from '../internal/atoms.js'
import type { ScopedRepositories } from '../storage/storage-port.js'

/** What every refused credential is told: never which part failed. */
export const UNAUTHORIZED = 'the credential is unknown, expired or revoked'

/**
 * Throws `unauthorized` unless the API key, client token or member is still live: present, not
 * revoked (a member: not removed), not expired. A member's role is checked too: when it changed
 * since the request was authorised (`role`), the request is refused with `forbidden` and may
 * be sent again under the new role. Runs inside the operation's own transaction, so a
 * revocation or a role change that committed before it is always seen.
 *
 * @example
 * await assertLive(ctx.repos, { kind: 'client_token', id: 'ctk_…' }, ctx.now)
 */
export async function assertLive(
  repos: ScopedRepositories,
  ref: CredentialRef,
  now: string,
  role?: Role,
): Promise<void> {
  if (ref.kind === 'member') {
    const member = await repos.members.get(ref.id)
    if (!member || member.removedAt) throw new AtelierError('unauthorized', UNAUTHORIZED)
    if (role && member.role !== role) {
      throw new AtelierError(
        'forbidden',
        `your role changed from ${role} to ${member.role} while this request ran; send it again`,
        { role: member.role },
      )
    }
    return
  }
  const row =
    ref.kind === 'client_token'
      ? await repos.clientTokens.get(ref.id)
      : await repos.apiKeys.get(ref.id)
  if (!isLive(row, now)) throw new AtelierError('unauthorized', UNAUTHORIZED)
}

/**
 * Whether a key's or token's row is still live at `now`: present, not revoked, not expired.
 *
 * @example
 * isLive({ revokedAt: undefined, expiresAt: '2031-01-01T00:00:00.000Z' }, now) // true
 */
export function isLive(
  row: { revokedAt?: string; expiresAt?: string } | undefined,
  now: string,
): boolean {
  return !!row && !row.revokedAt && (row.expiresAt === undefined || now < row.expiresAt)
}
