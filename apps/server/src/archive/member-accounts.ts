import type { Member, Role } from '@atelier/core'
import { type Lookup, membershipKey } from '@atelier/core/storage'
import {
  type AccountSummary,
  type AtelierDatabase,
  createAccountWithoutPassword,
  findAccount,
} from '@atelier/sql'
import type { Transaction } from 'kysely'
import { CliError } from '../cli-error.js'
import type { ArchiveLine } from './archive-format.js'

/**
 * What an import did for one live member's account: `existing`, the target has the account the
 * member names; `linked`, the target has another account with the member's address, and the
 * member now names it; `created`, a password-less account was made with the member's id, name
 * and address.
 *
 * @example
 * const outcome: AccountOutcome = 'linked'
 */
export type AccountOutcome = 'existing' | 'linked' | 'created'

/**
 * One live member of an imported studio and their account on the target.
 *
 * @example
 * const row: MemberAccount = { memberId: 'mem_…', email: 'w@studio.example', role: 'owner', userId: 'u1', account: 'created', needsPassword: true }
 */
export interface MemberAccount {
  memberId: string
  email: string
  role: Role
  /** The account the member names on the target. */
  userId: string
  account: AccountOutcome
  /** The account has no password here yet: its owner sets one through a reset link. */
  needsPassword: boolean
}

const NOTHING = 'nothing was imported'

/**
 * Gives an imported studio's live members accounts on the target, inside the import's write
 * transaction `trx`, as their records pass on their way to the writer ({@link adopt}): a member
 * whose account the target has is left as it is; one whose address names another account there
 * is written naming that account (audit events, receipts and invitations name members by
 * member id, never by account, so nothing else changes), and so is the lookup that lists the
 * studio among that person's; anyone else gets an account without a password (e-mail
 * verified), to be set through `atelier member reset-link`. Removed members get nothing. Two
 * live members that would be one account are refused, and so is a member whose account id the
 * target has under another address (it may be another person's). The account tables are read
 * and written through `@atelier/sql`.
 *
 * @example
 * const accounts = new MemberAccounts(trx, studio.id, new Date())
 * for await (const line of lines) {
 *   const adopted = await accounts.adopt(line)
 *   if (adopted) await writer.add(adopted)
 * }
 */
export class MemberAccounts {
  /** Every live member, in archive order, once its record has passed. */
  readonly members: MemberAccount[] = []
  /** Removed members passed (they get no account). */
  removed = 0
  /** Archive account id -> the target's, for members written naming another account. */
  readonly #relinked = new Map<string, string>()
  /** Target account id -> the live member that is it. */
  readonly #accounts = new Map<string, string>()
  /** Membership lookup keys passed to the writer (a relinked one may meet an original). */
  readonly #memberKeys = new Set<string>()

  constructor(
    private readonly trx: Transaction<AtelierDatabase>,
    private readonly studioId: string,
    private readonly now: Date,
  ) {}

  /** The line to write in place of `line`: a member or membership lookup as it goes here, or undefined to skip it. */
  async adopt(line: ArchiveLine): Promise<ArchiveLine | undefined> {
    if (line.kind === 'members')
      return { kind: 'members', row: await this.#member(line.row as Member) }
    if (line.kind === 'lookups') {
      const row = this.#lookup(line.row as Lookup)
      return row && { kind: 'lookups', row }
    }
    return line
  }

  async #member(member: Member): Promise<Member> {
    if (member.removedAt) {
      this.removed++
      return member
    }
    const { id, userId, email, name, role } = member
    if (typeof userId !== 'string' || !userId || typeof email !== 'string' || !email) {
      throw new CliError(
        `member ${String(id)} of the archive has no account id or address; ${NOTHING}`,
        1,
      )
    }
    const address = email.toLowerCase()
    const { account, here, hasPassword } = await this.#account(id, userId, address, name)
    const other = this.#accounts.get(here)
    if (other) {
      throw new CliError(
        `members ${other} and ${id} of the archive would both be the account ${here} (${address}) here; ${NOTHING}`,
        1,
      )
    }
    this.#accounts.set(here, id)
    if (here !== userId) this.#relinked.set(userId, here)
    this.members.push({
      memberId: id,
      email: address,
      role,
      userId: here,
      account,
      needsPassword: !hasPassword,
    })
    return here === userId ? member : { ...member, userId: here }
  }

  /**
   * The target's account for a member: theirs (the same id, at the same address), the one with
   * their address, or one made now. An account with their id at another address is refused.
   */
  async #account(
    memberId: string,
    userId: string,
    address: string,
    name: unknown,
  ): Promise<{ account: AccountOutcome; here: string; hasPassword: boolean }> {
    const outcome = (account: AccountOutcome, found: AccountSummary) => ({
      account,
      here: found.id,
      hasPassword: found.hasPassword,
    })
    const mine = await findAccount(this.trx, { id: userId })
    if (mine) {
      if (mine.email.toLowerCase() === address) return outcome('existing', mine)
      throw new CliError(
        `member ${memberId} of the archive is the account ${userId} with the address ${address}, but the account ${userId} here has the address ${mine.email}; ${NOTHING}`,
        1,
      )
    }
    const same = await findAccount(this.trx, { email: address })
    if (same) return outcome('linked', same)
    const made = await createAccountWithoutPassword(
      this.trx,
      { id: userId, name: typeof name === 'string' && name ? name : address, email: address },
      this.now,
    )
    return outcome('created', made)
  }

  #lookup(row: Lookup): Lookup | undefined {
    if (!row.key.startsWith('member:')) return row
    const to = this.#relinked.get(row.refId)
    const moved =
      to !== undefined && row.key === membershipKey(row.refId, this.studioId)
        ? { ...row, key: membershipKey(to, this.studioId), refId: to }
        : row
    if (this.#memberKeys.has(moved.key)) return undefined
    this.#memberKeys.add(moved.key)
    return moved
  }
}
