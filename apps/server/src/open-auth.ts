import { randomBytes } from 'node:crypto'
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { Atelier } from '@atelier/core'
import { type MemberAuth, type MemberAuthOptions, memberAuth } from '@atelier/hono'
import { CliError } from './cli-error.js'
import type { OpenedStorage } from './open-storage.js'

/**
 * The environment variable that holds member sign-in's secret.
 *
 * @example
 * if (!process.env[SECRET_ENV]) console.log('the secret is kept in a file')
 */
export const SECRET_ENV = 'ATELIER_AUTH_SECRET'

const MIN_SECRET = 32

/**
 * Where the sign-in secret came from; for a file, also its permission bits (`0o600` when only
 * its owner may read it, as made).
 *
 * @example
 * const source: SecretSource = { from: 'file', file: 'data/auth-secret', created: false, mode: 0o600 }
 */
export type SecretSource =
  | { from: 'env' }
  | { from: 'file'; file: string; created: boolean; mode: number }

/**
 * The file the sign-in secret is kept in when `ATELIER_AUTH_SECRET` is not set: `auth-secret`
 * beside a SQLite file; for Postgres, in `./data/` from where the command was started
 * (`INIT_CWD` under npm, as the configuration resolves its paths).
 *
 * @example
 * secretFile('sqlite', '/srv/atelier/data/atelier.db') // '/srv/atelier/data/auth-secret'
 */
export function secretFile(
  kind: OpenedStorage['kind'],
  db: string,
  env: Record<string, string | undefined> = process.env,
): string {
  if (kind === 'sqlite') return join(dirname(db), 'auth-secret')
  return resolve(env.INIT_CWD ?? process.cwd(), 'data', 'auth-secret')
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code

/**
 * Reads the secret in `file`, or makes it: 32 random bytes (base64url), mode 0600, written
 * under another name and linked into place, so two processes starting at once end up with
 * the one secret and neither reads a half-written file.
 */
async function fileSecret(file: string): Promise<{ secret: string; created: boolean }> {
  const read = async () => {
    const secret = (await readFile(file, 'utf8')).trim()
    if (secret.length < MIN_SECRET) {
      throw new CliError(
        `${file} holds fewer than ${MIN_SECRET} characters; delete it to have a new secret made (everyone is signed out) or set ${SECRET_ENV}`,
        1,
      )
    }
    return { secret, created: false }
  }
  try {
    return await read()
  } catch (error) {
    if (errno(error) !== 'ENOENT') throw error
  }
  await mkdir(dirname(file), { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  await writeFile(temp, `${secret}\n`, { mode: 0o600, flag: 'wx' })
  try {
    await link(temp, file)
    return { secret, created: true }
  } catch (error) {
    if (errno(error) !== 'EEXIST') throw error
    return read()
  } finally {
    await unlink(temp).catch(() => undefined)
  }
}

/**
 * The secret member sign-in signs its cookies and encrypts two-factor secrets with:
 * `ATELIER_AUTH_SECRET`, else the {@link secretFile}, made on first use.
 *
 * @example
 * const { secret, source } = await authSecret('sqlite', config.db)
 */
export async function authSecret(
  kind: OpenedStorage['kind'],
  db: string,
  env: Record<string, string | undefined> = process.env,
): Promise<{ secret: string; source: SecretSource }> {
  const given = env[SECRET_ENV]?.trim()
  if (given) {
    if (given.length < MIN_SECRET) {
      throw new CliError(
        `${SECRET_ENV} must be at least ${MIN_SECRET} characters of random text, such as the output of \`openssl rand -base64 32\``,
      )
    }
    return { secret: given, source: { from: 'env' } }
  }
  const file = secretFile(kind, db, env)
  try {
    const { secret, created } = await fileSecret(file)
    const mode = (await stat(file)).mode & 0o777
    return { secret, source: { from: 'file', file, created, mode } }
  } catch (error) {
    if (error instanceof CliError) throw error
    throw new CliError(
      `cannot keep the sign-in secret in ${file}: ${(error as Error).message}; set ${SECRET_ENV} instead`,
      1,
    )
  }
}

/**
 * Member sign-in (`memberAuth`) over the opened storage: Better Auth on the same Kysely
 * instance the storage runs on (on SQLite the same single-writer connection and lock, on
 * Postgres the same pool), with the secret from {@link authSecret}.
 *
 * @example
 * const { secret } = await authSecret(opened.kind, config.db)
 * const auth = openAuth(atelier, opened, secret, publicUrl)
 * const app = serverApp({ atelier, storage: opened.storage, publicUrl, logger, auth })
 */
export function openAuth(
  atelier: Atelier,
  opened: OpenedStorage,
  secret: string,
  publicUrl: string,
  sendResetLink?: MemberAuthOptions['sendResetLink'],
): MemberAuth {
  return memberAuth(atelier, {
    database: {
      db: opened.storage.db,
      type: opened.kind,
      // Multi-step changes (a password reset, a password change that signs other devices out)
      // commit together: on SQLite through the storage's one writer connection and its lock.
      transaction: true,
    },
    secret,
    publicUrl,
    ...(sendResetLink && { sendResetLink }),
  })
}

/**
 * How the start-up output names the secret: where it is kept, and on Postgres without
 * `ATELIER_AUTH_SECRET`, that servers on several machines must share one.
 *
 * @example
 * for (const line of describeSecret(source, 'postgres')) out(line)
 */
export function describeSecret(source: SecretSource, kind: OpenedStorage['kind']): string[] {
  if (source.from === 'env') return [`secret from ${SECRET_ENV}`]
  const lines = [`secret in ${source.file}${source.created ? ' (made now)' : ''}`]
  if (kind === 'postgres') {
    lines.push(
      `several servers on several machines must share one secret: set ${SECRET_ENV} on each`,
    )
  }
  return lines
}

/**
 * The warning a secret file readable (or writable) by its group or by others deserves, once at
 * start; undefined for `ATELIER_AUTH_SECRET` and for a file only its owner may use. Whoever
 * reads the secret can forge sessions and read two-factor secrets.
 *
 * @example
 * const warning = secretWarning(source)
 * if (warning) logger.log('warn', warning)
 */
export function secretWarning(source: SecretSource): string | undefined {
  if (source.from !== 'file' || (source.mode & 0o077) === 0) return undefined
  const mode = source.mode.toString(8).padStart(4, '0')
  return `the sign-in secret file ${source.file} has mode ${mode}, so users other than its owner can get at it (and forge sessions with it); it should be 0600: chmod 600 ${source.file}`
}
