import type { AccountOutcome, MemberAccount, MemberAccounts } from './member-accounts.js'

/**
 * What an import says about its members' accounts: every live member and their account here,
 * how many removed members got none, and who has no password here yet, each with the command
 * that makes their reset link.
 *
 * @example
 * const report: AccountsReport = { members: [], removed: 0, needPassword: [] }
 */
export interface AccountsReport {
  members: MemberAccount[]
  removed: number
  needPassword: { memberId: string; email: string; role: string; command: string }[]
}

/**
 * The command that makes `email`'s password-reset link, run with the import's `--db`.
 *
 * @example
 * resetCommand('w@studio.example') // 'atelier member reset-link --email w@studio.example'
 */
export const resetCommand = (email: string) => `atelier member reset-link --email ${email}`

/**
 * The report of what {@link MemberAccounts} did.
 *
 * @example
 * out(JSON.stringify(accountsReport(accounts)))
 */
export function accountsReport(accounts: MemberAccounts): AccountsReport {
  return {
    members: accounts.members,
    removed: accounts.removed,
    needPassword: accounts.members
      .filter((m) => m.needsPassword)
      .map(({ memberId, email, role }) => ({
        memberId,
        email,
        role,
        command: resetCommand(email),
      })),
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

const said: Record<AccountOutcome, string> = {
  existing: 'with their account here',
  linked: 'linked to the account here that has their address',
  created: 'with an account made now',
}

/**
 * The report as lines of text: the accounts, then each member who needs a password and the
 * command that makes their link.
 *
 * @example
 * for (const line of accountLines(report)) out(line)
 */
export function accountLines(report: AccountsReport): string[] {
  const { members, removed, needPassword } = report
  if (members.length === 0 && removed === 0) return []
  const outcomes = (Object.keys(said) as AccountOutcome[])
    .map((outcome) => [outcome, members.filter((m) => m.account === outcome).length] as const)
    .filter(([, n]) => n > 0)
    .map(([outcome, n]) => `${n} ${said[outcome]}`)
  const lines = [
    `members: ${members.length}${outcomes.length ? ` (${outcomes.join(', ')})` : ''}${removed ? `; ${removed} removed, with no account` : ''}`,
  ]
  if (needPassword.length) {
    lines.push(
      `no password here yet for ${plural(needPassword.length, 'member')}: make each their reset link (one hour, single use) with this --db, and send it to them:`,
    )
    for (const m of needPassword) lines.push(`  ${m.command}`)
  }
  return lines
}
