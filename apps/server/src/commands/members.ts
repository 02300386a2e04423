import { type Atelier, createAtelier, type MemberView, type Role, roles } from '@atelier/core'
import { linksFor } from '@atelier/hono'
import { CliError } from '../cli-error.js'
import { systemScope } from '../command.js'
import { publicUrlFor, type ServerConfig } from '../config.js'
import { authSecret, openAuth } from '../open-auth.js'
import type { OpenedStorage } from '../open-storage.js'
import { withStorage } from './with-storage.js'

type Out = (text: string) => void

/**
 * `--role`, checked: one of the roles (`owner`, `manager`, `designer`, `viewer`).
 *
 * @example
 * roleFlag('designer') // 'designer'; roleFlag('boss') throws a CliError
 */
export function roleFlag(role: string | undefined): Role {
  if (!role || !(roles as readonly string[]).includes(role)) {
    throw new CliError(`--role must be one of ${roles.join(', ')}${role ? `, not "${role}"` : ''}`)
  }
  return role as Role
}

/** The studio `id` in the opened database, or a clear refusal. */
async function studioIn(opened: OpenedStorage, id: string): Promise<{ id: string; name: string }> {
  const studio = await opened.storage.transaction((tx) => tx.studios.get(id), { readOnly: true })
  if (!studio) {
    throw new CliError(
      `there is no studio ${id} in ${opened.where}; \`atelier studio create\` makes one`,
      1,
    )
  }
  return studio
}

/**
 * Invites `email` into `studioId` in `role` as the installation itself, with the single-use
 * link the person sets their account up through (`${publicUrl}/join#t=…`).
 *
 * @example
 * const { link } = await inviteByLink(atelier, studio.id, { email, role: 'owner' }, publicUrl)
 */
export async function inviteByLink(
  atelier: Atelier,
  studioId: string,
  input: { email: string; role: Role; name?: string },
  publicUrl: string,
) {
  const { invitation, token } = await atelier.members.invite(systemScope(studioId), input)
  return { invitation, token, link: linksFor(publicUrl).join(token) }
}

/** `atelier member invite --studio … --email … --role … [--name …]`: prints the link once. */
export async function memberInviteCommand(
  config: ServerConfig,
  input: { studio?: string; email?: string; role?: string; name?: string },
  json: boolean,
  out: Out,
): Promise<void> {
  if (!input.studio || !input.email) {
    throw new CliError('member invite needs --studio <std_…> --email <address> --role <role>')
  }
  const role = roleFlag(input.role)
  await withStorage(config, async (opened) => {
    const studio = await studioIn(opened, input.studio!)
    const invited = await inviteByLink(
      createAtelier({ storage: opened.storage }),
      studio.id,
      { email: input.email!, role, ...(input.name && { name: input.name }) },
      publicUrlFor(config, config.port),
    )
    const { invitation, link } = invited
    if (json) return out(JSON.stringify(invited))
    out(
      `invited ${invitation.email} to "${studio.name}" as ${invitation.role} (${invitation.id}, until ${invitation.expiresAt}); send them this link, shown once:\n${link}`,
    )
  })
}

/** `atelier member list --studio …`: members, then pending invitations. */
export async function memberListCommand(
  config: ServerConfig,
  studioId: string | undefined,
  json: boolean,
  out: Out,
): Promise<void> {
  if (!studioId) throw new CliError('member list needs --studio <std_…>')
  await withStorage(config, async (opened) => {
    const studio = await studioIn(opened, studioId)
    const atelier = createAtelier({ storage: opened.storage })
    const members = await atelier.members.list(systemScope(studio.id))
    const invitations = (await atelier.members.listInvitations(systemScope(studio.id))).filter(
      (i) => i.status === 'pending',
    )
    if (json) return out(JSON.stringify({ members, invitations }))
    out(
      `"${studio.name}" (${studio.id}): ${members.length} member${members.length === 1 ? '' : 's'}`,
    )
    for (const m of members) out(`  ${m.id}  ${m.role.padEnd(8)}  ${m.email}  ${m.name}`)
    for (const i of invitations) {
      out(`  ${i.id}  ${i.role.padEnd(8)}  ${i.email}  (invited, until ${i.expiresAt})`)
    }
  })
}

/** A live member of the studio by id (`mem_…`) or address. */
async function memberOf(atelier: Atelier, studioId: string, which: string): Promise<MemberView> {
  const wanted = which.trim().toLowerCase()
  const found = (await atelier.members.list(systemScope(studioId))).find(
    (m) => m.id === which || m.email === wanted,
  )
  if (!found) {
    throw new CliError(
      `studio ${studioId} has no member ${which}; \`atelier member list --studio ${studioId}\` lists them`,
      1,
    )
  }
  return found
}

/** `atelier member role --studio … --member <mem_…|email> --role …`. */
export async function memberRoleCommand(
  config: ServerConfig,
  input: { studio?: string; member?: string; role?: string },
  json: boolean,
  out: Out,
): Promise<void> {
  if (!input.studio || !input.member) {
    throw new CliError('member role needs --studio <std_…> --member <mem_…|address> --role <role>')
  }
  const role = roleFlag(input.role)
  await withStorage(config, async (opened) => {
    const studio = await studioIn(opened, input.studio!)
    const atelier = createAtelier({ storage: opened.storage })
    const member = await memberOf(atelier, studio.id, input.member!)
    const changed = await atelier.members.changeRole(systemScope(studio.id), {
      id: member.id,
      version: member.version,
      role,
    })
    if (json) return out(JSON.stringify(changed))
    out(`${changed.email} (${changed.id}) is now ${changed.role} in "${studio.name}"`)
  })
}

/** `atelier member remove --studio … --member <mem_…|email>`. */
export async function memberRemoveCommand(
  config: ServerConfig,
  input: { studio?: string; member?: string },
  json: boolean,
  out: Out,
): Promise<void> {
  if (!input.studio || !input.member) {
    throw new CliError('member remove needs --studio <std_…> --member <mem_…|address>')
  }
  await withStorage(config, async (opened) => {
    const studio = await studioIn(opened, input.studio!)
    const atelier = createAtelier({ storage: opened.storage })
    const member = await memberOf(atelier, studio.id, input.member!)
    const removed = await atelier.members.remove(systemScope(studio.id), {
      id: member.id,
      version: member.version,
    })
    if (json) return out(JSON.stringify(removed))
    out(
      `${removed.email} (${removed.id}) was removed from "${studio.name}"; their account stays, for their other studios`,
    )
  })
}

/** `atelier member reset-link --email …`: a password-reset link (one hour, single use). */
export async function memberResetLinkCommand(
  config: ServerConfig,
  email: string | undefined,
  json: boolean,
  out: Out,
): Promise<void> {
  if (!email) throw new CliError('member reset-link needs --email <address>')
  await withStorage(config, async (opened) => {
    const atelier = createAtelier({ storage: opened.storage })
    const { secret } = await authSecret(opened.kind, config.db)
    const auth = openAuth(atelier, opened, secret, publicUrlFor(config, config.port))
    const link = await auth.resetLink(email)
    if (!link) {
      throw new CliError(
        `no account has the address ${email.trim().toLowerCase()}; people get one by accepting an invitation (atelier member invite)`,
        1,
      )
    }
    if (json) return out(JSON.stringify({ email: email.trim().toLowerCase(), link }))
    out(
      `password-reset link for ${email.trim().toLowerCase()} (one hour, single use; shown once):\n${link}`,
    )
  })
}
