import { type Command, config, done, json, out, text } from './command.js'
import {
  memberInviteCommand,
  memberListCommand,
  memberRemoveCommand,
  memberResetLinkCommand,
  memberRoleCommand,
} from './commands/members.js'

const studio = { type: 'string' as const, help: 'the studio id (std_…)' }
const member = { type: 'string' as const, help: 'the member: their id (mem_…) or address' }
const roles = 'owner, manager, designer or viewer'

/**
 * The `atelier member …` commands: invite people, list, change roles, remove, and make a
 * password-reset link (until e-mail exists).
 *
 * @example
 * const commands = { ...memberCommands }
 */
export const memberCommands: Record<string, Command> = {
  'member invite': {
    usage:
      'atelier member invite --studio <id> --email <address> --role <role> [--name "<name>"] [--json]',
    summary: 'invite a person into a studio; prints the single-use link they join through, once',
    flags: {
      studio,
      email: { type: 'string', help: 'their e-mail address' },
      role: { type: 'string', help: roles },
      name: { type: 'string', help: 'what the studio calls them until they choose' },
      json,
    },
    run: (flags) =>
      done(
        memberInviteCommand(
          config(flags),
          {
            studio: text(flags, 'studio'),
            email: text(flags, 'email'),
            role: text(flags, 'role'),
            name: text(flags, 'name'),
          },
          !!flags.json,
          out,
        ),
      ),
  },
  'member list': {
    usage: 'atelier member list --studio <id> [--json]',
    summary: "list a studio's members and its pending invitations",
    flags: { studio, json },
    run: (flags) =>
      done(memberListCommand(config(flags), text(flags, 'studio'), !!flags.json, out)),
  },
  'member role': {
    usage: 'atelier member role --studio <id> --member <mem_…|address> --role <role> [--json]',
    summary: "change a member's role (the last owner stays owner)",
    flags: { studio, member, role: { type: 'string', help: roles }, json },
    run: (flags) =>
      done(
        memberRoleCommand(
          config(flags),
          {
            studio: text(flags, 'studio'),
            member: text(flags, 'member'),
            role: text(flags, 'role'),
          },
          !!flags.json,
          out,
        ),
      ),
  },
  'member remove': {
    usage: 'atelier member remove --studio <id> --member <mem_…|address> [--json]',
    summary: 'remove a member from a studio (not the last owner); their account stays',
    flags: { studio, member, json },
    run: (flags) =>
      done(
        memberRemoveCommand(
          config(flags),
          { studio: text(flags, 'studio'), member: text(flags, 'member') },
          !!flags.json,
          out,
        ),
      ),
  },
  'member reset-link': {
    usage: 'atelier member reset-link --email <address> [--json]',
    summary: 'make a password-reset link for an account (one hour, single use), to send yourself',
    flags: { email: { type: 'string', help: "the account's e-mail address" }, json },
    run: (flags) =>
      done(memberResetLinkCommand(config(flags), text(flags, 'email'), !!flags.json, out)),
  },
}
