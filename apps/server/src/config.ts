import { resolve } from 'node:path'
import { CliError } from './cli-error.js'

export const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const
export type LogLevel = (typeof logLevels)[number]

/** Everything `atelier serve` and the other commands run with. */
export interface ServerConfig {
  /** A SQLite file path, or a `postgres://` URL. */
  db: string
  /** The folder file versions are stored in, or an `s3://bucket/prefix` URL. */
  blobs: string
  host: string
  port: number
  /** The URL clients reach the server at; sign-off and access links start with it. */
  publicUrl: string
  logLevel: LogLevel
}

/** The flags every command accepts, with their environment variables. */
export const configFlags = {
  db: {
    env: 'ATELIER_DB',
    help: 'SQLite file, or a postgres:// URL',
    default: './data/atelier.db',
  },
  blobs: {
    env: 'ATELIER_BLOBS',
    help: 'folder for uploaded files, or s3://bucket/prefix (AWS_* environment)',
    default: './data/blobs',
  },
  host: { env: 'ATELIER_HOST', help: 'interface to listen on', default: '127.0.0.1' },
  port: { env: 'ATELIER_PORT', help: 'port to listen on (0 picks a free one)', default: '3030' },
  'public-url': {
    env: 'ATELIER_PUBLIC_URL',
    help: 'URL clients reach the server at',
    default: 'http://<host>:<port>',
  },
  'log-level': {
    env: 'ATELIER_LOG_LEVEL',
    help: `one of ${logLevels.join(', ')}`,
    default: 'info',
  },
} as const

export type ConfigFlag = keyof typeof configFlags

const isPostgres = (db: string) => /^postgres(ql)?:\/\//.test(db)

/**
 * Resolves the configuration: a flag wins over its environment variable, which wins over the
 * default. Relative paths are taken from where the command was started (`INIT_CWD` when run
 * through npm, so `npm start` keeps its data in the repository root).
 */
export function resolveConfig(
  flags: Partial<Record<ConfigFlag, string>>,
  env: Record<string, string | undefined> = process.env,
): ServerConfig {
  const pick = (name: ConfigFlag) =>
    flags[name] ?? env[configFlags[name].env] ?? configFlags[name].default
  const base = env.INIT_CWD ?? process.cwd()
  const portText = flags.port ?? env.ATELIER_PORT ?? env.PORT ?? configFlags.port.default
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new CliError(`--port must be a whole number from 0 to 65535, not "${portText}"`)
  }
  const logLevel = pick('log-level') as LogLevel
  if (!logLevels.includes(logLevel)) {
    throw new CliError(`--log-level must be one of ${logLevels.join(', ')}, not "${logLevel}"`)
  }
  const host = pick('host')
  const db = pick('db')
  let publicUrl = flags['public-url'] ?? env.ATELIER_PUBLIC_URL
  if (publicUrl) {
    try {
      const url = new URL(publicUrl)
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error()
    } catch {
      throw new CliError(
        `--public-url must be an http(s) URL such as https://studio.example, not "${publicUrl}"`,
      )
    }
    publicUrl = publicUrl.replace(/\/+$/, '')
  }
  return {
    db: isPostgres(db) ? db : resolve(base, db),
    blobs: /^s3:\/\//i.test(pick('blobs')) ? pick('blobs') : resolve(base, pick('blobs')),
    host,
    port,
    publicUrl: publicUrl ?? '',
    logLevel,
  }
}

/** The public URL once the port is known (a configured one is kept as given). */
export function publicUrlFor(config: ServerConfig, port: number): string {
  if (config.publicUrl) return config.publicUrl
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`
}

/** The database location for messages, with any password hidden. */
export function describeDb(db: string): string {
  if (!isPostgres(db)) return db
  try {
    const url = new URL(db)
    if (url.password) url.password = '***'
    return url.toString()
  } catch {
    return 'postgres://(unparseable URL)'
  }
}

export { isPostgres }
