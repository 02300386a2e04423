import { parseArgs } from 'node:util'
import { CliError } from './cli-error.js'
import { type Command, config, done, json, out, text } from './command.js'

export { CliError }

import {
  backupCommand,
  keyCreateCommand,
  migrateCommand,
  seedDemoCommand,
  studioCreateCommand,
} from './commands/admin.js'
import { exportCommand } from './commands/export.js'
import { importCommand } from './commands/import.js'
import { moveCommand } from './commands/move.js'
import { serveCommand } from './commands/serve.js'
import { verifyCommand } from './commands/verify.js'
import { configFlags } from './config.js'
import { memberCommands } from './member-commands.js'

type Flags = Parameters<Command['run']>[0]

const commands: Record<string, Command> = {
  serve: {
    usage: 'atelier serve [options]',
    summary: 'serve the API, docs, element bundles, sign-off and tracker pages and the demo site',
    run: async (flags) => {
      await serveCommand(config(flags), out)
      return undefined
    },
  },
  migrate: {
    usage: 'atelier migrate [--db <file|url>] [--app-role <name>]',
    summary:
      'bring the database schema to the latest version; on Postgres, make the role the server connects as',
    flags: {
      'app-role': {
        type: 'string',
        help: 'Postgres: the role the server connects as, created and granted (default atelier_app; none: skip); its password from env ATELIER_APP_PASSWORD',
      },
    },
    run: (flags) =>
      done(migrateCommand(config(flags), out, flags['app-role'] as string | undefined)),
  },
  'studio create': {
    usage:
      'atelier studio create --name "<name>" [--owner-email <address> [--owner-name "<name>"]] [--json]',
    summary:
      "create a studio (with its receipt-signing key) and print its first owner's one-time setup link",
    flags: {
      name: { type: 'string', help: "the studio's name" },
      'owner-email': {
        type: 'string',
        help: "the first owner's address: prints the link they set up their account through",
      },
      'owner-name': { type: 'string', help: 'what to call the owner until they choose' },
      json,
    },
    run: (flags) =>
      done(
        studioCreateCommand(
          config(flags),
          {
            name: text(flags, 'name'),
            ownerEmail: text(flags, 'owner-email'),
            ownerName: text(flags, 'owner-name'),
          },
          !!flags.json,
          out,
        ),
      ),
  },
  ...memberCommands,
  'key create': {
    usage:
      'atelier key create --studio <id> [--kind secret|publishable] [--role <role>] [--label <text>] [--json]',
    summary: 'create an API key for a studio; it is printed once',
    flags: {
      studio: { type: 'string', help: 'the studio id (std_…)' },
      kind: { type: 'string', help: 'secret (default) or publishable' },
      role: {
        type: 'string',
        help: "a secret key's role: owner (default), manager, designer or viewer; a publishable key has none",
      },
      label: { type: 'string', help: 'a name to tell keys apart' },
      json,
    },
    run: (flags) =>
      done(
        keyCreateCommand(
          config(flags),
          {
            studio: text(flags, 'studio'),
            kind: text(flags, 'kind'),
            label: text(flags, 'label'),
            role: text(flags, 'role'),
          },
          !!flags.json,
          out,
        ),
      ),
  },
  'seed-demo': {
    usage: 'atelier seed-demo [--json]',
    summary:
      'add a demo studio with clients, projects in several stages, keys, links and members who can sign in',
    flags: { json },
    run: (flags) => done(seedDemoCommand(config(flags), !!flags.json, out)),
  },
  backup: {
    usage: 'atelier backup <file> [--db <file>]',
    summary: 'copy the SQLite database to <file> while it is in use',
    run: (flags, args) => done(backupCommand(config(flags), args[0], out)),
  },
  export: {
    usage: 'atelier export --studio <id> > studio.atelier',
    summary:
      "write one studio's records, audit chains and files as an archive (a tar stream) to stdout",
    notes:
      'Members and invitations travel with the studio; member accounts (passwords, two-factor, sessions) belong to the installation and are not in the archive (`atelier move` carries them; `atelier import` links each live member to an account of the target, or makes one without a password).',
    flags: { studio: { type: 'string', help: 'the studio id (std_…)' } },
    run: (flags) =>
      done(
        exportCommand(config(flags), flags.studio as string | undefined, process.stdout, (text) =>
          process.stderr.write(`${text}\n`),
        ),
      ),
  },
  import: {
    usage: 'atelier import [--json] < studio.atelier',
    summary:
      'load a studio archive into this database and blob store, checking every audit chain, receipt and file hash first',
    notes:
      'Member accounts are not in an archive; in the same transaction as the records, each live member keeps the account here that has their id, or is linked to the account here that has their address, or gets an account made now without a password (removed members get none). It ends by listing who has no password here, each with the `atelier member reset-link --email <address>` that makes their link.',
    flags: { json },
    run: (flags) => done(importCommand(config(flags), process.stdin, out, !!flags.json)),
  },
  move: {
    usage: 'atelier move --to <postgres://… | SQLite file> [--blobs-to <blobs>]',
    summary:
      'move every studio and its files from --db (and --blobs) into an empty database (and another blob store)',
    flags: {
      to: {
        type: 'string',
        help: 'the empty database to move into: a postgres:// URL or a SQLite file',
      },
      'blobs-to': {
        type: 'string',
        help: 'copy the files into this blob store too, a folder or s3://bucket/prefix (else they stay in --blobs)',
      },
    },
    run: (flags) =>
      done(
        moveCommand(
          config(flags),
          flags.to as string | undefined,
          flags['blobs-to'] as string | undefined,
          out,
        ),
      ),
  },
  verify: {
    usage: 'atelier verify <receipt.json> [files...] [--key <public key>]',
    summary:
      'check a receipt signature and that the files are the approved ones (exit 0 valid, 1 invalid)',
    flags: {
      key: {
        type: 'string',
        help: "the studio's public key (base64url); else taken from the database",
      },
    },
    run: (flags, args) =>
      verifyCommand(config(flags), args[0], args.slice(1), flags.key as string | undefined, out),
  },
}

function help(name?: string): string {
  const shared = Object.entries(configFlags).map(
    ([flag, f]) => `  --${flag.padEnd(12)} ${f.help} (env ${f.env}; default ${f.default})`,
  )
  if (name && commands[name]) {
    const c = commands[name]
    const own = Object.entries(c.flags ?? {}).map(([flag, f]) => `  --${flag.padEnd(12)} ${f.help}`)
    return [
      `${c.usage}\n\n${c.summary}.\n`,
      ...(c.notes ? [`${c.notes}\n`] : []),
      ...(own.length ? ['Options:', ...own, ''] : []),
      'Configuration:',
      ...shared,
      '  --help         show this help',
    ].join('\n')
  }
  return [
    'atelier — the client-service layer for design studios\n',
    'Commands:',
    ...Object.entries(commands).map(([n, c]) => `  ${n.padEnd(17)} ${c.summary}`),
    '',
    'Configuration (every command):',
    ...shared,
    '',
    'Run `atelier <command> --help` for a command’s options.',
  ].join('\n')
}

/** Runs the CLI; resolves to the exit code (undefined while `serve` keeps running). */
export async function main(argv: string[]): Promise<number | undefined> {
  const words = argv.filter((a) => !a.startsWith('-'))
  const two = `${words[0]} ${words[1]}`
  const name = commands[two] ? two : (words[0] ?? 'serve')
  const wantsHelp = argv.includes('--help') || argv.includes('-h')
  if (
    argv.length === 0 ||
    argv[0] === 'help' ||
    (wantsHelp && (words.length === 0 || !commands[name]))
  ) {
    out(help(argv[0] === 'help' ? argv[1] : undefined))
    return 0
  }
  const command = commands[name]
  if (!command)
    throw new CliError(`unknown command "${words.join(' ')}"; run \`atelier --help\` for the list`)
  const options = Object.fromEntries([
    ...Object.keys(configFlags).map((flag) => [flag, { type: 'string' as const }]),
    ...Object.entries(command.flags ?? {}).map(([flag, f]) => [flag, { type: f.type }]),
    ['help', { type: 'boolean' as const, short: 'h' }],
  ])
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('\n')[0]}; see \`atelier ${name} --help\``)
  }
  if (parsed.values.help) {
    out(help(name))
    return 0
  }
  return command.run(parsed.values as Flags, parsed.positionals.slice(name.split(' ').length))
}
