import type { Scope } from '@atelier/core'
import { type ConfigFlag, resolveConfig, type ServerConfig } from './config.js'

/**
 * Parsed flags of one command.
 *
 * @example
 * const flags: Flags = { studio: 'std_…', json: true }
 */
export type Flags = Record<string, string | boolean | undefined>

/**
 * One `atelier` command, as the help lists it and `main` runs it.
 *
 * @example
 * const hello: Command = { usage: 'atelier hello', summary: 'say hello', run: async () => 0 }
 */
export interface Command {
  usage: string
  summary: string
  /** More for `atelier <command> --help`, after the summary. */
  notes?: string
  /** Flags beyond the shared configuration flags. */
  flags?: Record<string, { type: 'string' | 'boolean'; help: string }>
  /** Resolves to the exit code (undefined while `serve` keeps running). */
  run: (flags: Flags, args: string[]) => Promise<number | undefined>
}

/**
 * Writes one line to standard output.
 *
 * @example
 * out('done')
 */
export const out = (text: string) => {
  process.stdout.write(`${text}\n`)
}

/**
 * The configuration from the shared flags (and the environment).
 *
 * @example
 * const { db } = config({ db: 'data/atelier.db' })
 */
export const config = (flags: Flags): ServerConfig =>
  resolveConfig(flags as Partial<Record<ConfigFlag, string>>)

/**
 * The `--json` flag.
 *
 * @example
 * flags: { studio, json }
 */
export const json = { type: 'boolean' as const, help: 'print one JSON object instead of text' }

/**
 * A command that finished: exit code 0.
 *
 * @example
 * run: (flags) => done(work(flags))
 */
export const done = async (work: Promise<void>) => {
  await work
  return 0
}

/**
 * A string flag's value (flags are strings or booleans).
 *
 * @example
 * text(flags, 'studio') // 'std_…' or undefined
 */
export const text = (flags: Flags, name: string) => flags[name] as string | undefined

/**
 * The command line acting for the installation (the `system` actor) in a studio: the one actor
 * every command (and the demo seed) acts as.
 *
 * @example
 * await atelier.members.list(systemScope('std_…'))
 */
export const systemScope = (studioId: string): Scope => ({
  studioId,
  actor: { kind: 'system', id: 'cli', label: 'atelier CLI' },
})
