import { parseArgs } from 'node:util'
import { CliError } from './cli-error.js'

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
import { type ConfigFlag, configFlags, resolveConfig } from './config.js'

type Flags = Record<string, string | boolean | undefined>
type Run = (flags: Flags, args: string[]) => Promise<number | undefined>

interface Command {
  usage: string
  summary: string
  /** Flags beyond the shared configuration flags. */
  flags?: Record<string, { type: 'string' | 'boolean'; help: string }>
  run: Run
}

const out = (text: string) => process.stdout.write(`${text}\n`)
const config = (flags: Flags) => resolveConfig(flags as Partial<Record<ConfigFlag, string>>)
const json = { type: 'boolean' as const, help: 'print one JSON object instead of text' }
/** A command that finished: exit code 0. */
const done = async (work: Promise<void>) => {
  await work
  return 0
}

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
    usage: 'atelier studio create --name "<name>" [--json]',
    summary: 'create a studio (with its receipt-signing key)',
    flags: { name: { type: 'string', help: "the studio's name" }, json },
    run: (flags) =>
      done(studioCreateCommand(config(flags), flags.name as string | undefined, !!flags.json, out)),
  },
  'key create': {
    usage: 'atelier key create --studio <id> [--kind secret|publishable] [--label <text>] [--json]',
    summary: 'create an API key for a studio; it is printed once',
    flags: {
      studio: { type: 'string', help: 'the studio id (std_…)' },
      kind: { type: 'string', help: 'secret (default) or publishable' },
      label: { type: 'string', help: 'a name to tell keys apart' },
      json,
    },
    run: (flags) =>
      done(
        keyCreateCommand(
          config(flags),
          flags as { studio?: string; kind?: string; label?: string },
          !!flags.json,
          out,
        ),
      ),
  },
  'seed-demo': {
    usage: 'atelier seed-demo [--json]',
    summary: 'add a demo studio with clients, projects in several stages, keys and links',
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
    flags: { studio: { type: 'string', help: 'the studio id (std_…)' } },
    run: (flags) =>
      done(
        exportCommand(config(flags), flags.studio as string | undefined, process.stdout, (text) =>
          process.stderr.write(`${text}\n`),
        ),
      ),
  },
  import: {
    usage: 'atelier import < studio.atelier',
    summary:
      'load a studio archive into this database and blob store, checking every audit chain, receipt and file hash first',
    run: (flags) => done(importCommand(config(flags), process.stdin, out)),
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
      ...(own.length ? ['Options:', ...own, ''] : []),
      'Configuration:',
      ...shared,
      '  --help         show this help',
    ].join('\n')
  }
  return [
    'atelier — the client-service layer for design studios\n',
    'Commands:',
    ...Object.entries(commands).map(([n, c]) => `  ${n.padEnd(14)} ${c.summary}`),
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
