import { createAtelier } from '@atelier/core'
import { backupSqlite, grantAppRole, migrateToLatest } from '@atelier/sql'
import { CliError } from '../cli-error.js'
import { systemScope } from '../command.js'
import { publicUrlFor, type ServerConfig } from '../config.js'
import { seedDemo } from '../demo/seed-demo.js'
import { authSecret, openAuth } from '../open-auth.js'
import { openBlobs } from '../open-blobs.js'
import { inviteByLink, roleFlag } from './members.js'
import { printDemo } from './print-demo.js'
import { withStorage } from './with-storage.js'

type Out = (text: string) => void

/**
 * `atelier migrate`: brings the schema to the latest migration and says what it applied. On
 * Postgres it then creates (if missing) and grants the role the server connects as, under
 * row-level security; `ATELIER_APP_PASSWORD` lets that role log in with it.
 */
export async function migrateCommand(
  config: ServerConfig,
  out: Out,
  appRole = 'atelier_app',
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  await withStorage(
    config,
    async (opened) => {
      const { applied } = await migrateToLatest(opened.storage.db)
      out(
        `database ${opened.where} is at the latest schema (${applied.length ? `applied ${applied.join(', ')}` : 'nothing to apply'})`,
      )
      if (opened.kind !== 'postgres') return
      if (appRole === 'none') {
        out(
          'no serving role made (--app-role none): a server connected as the owner is still under row-level security, unless it is a superuser',
        )
        return
      }
      const password = env.ATELIER_APP_PASSWORD || undefined
      const role = await grantAppRole(opened.storage.db, { role: appRole, password }).catch(
        (error: Error) => {
          throw new CliError(error.message.replace(/^@atelier\/sql: /, ''), 1)
        },
      )
      out(
        `role ${role.role} ${role.created ? 'created' : 'exists'} and is granted schema ${role.schema}; ` +
          (role.login
            ? `serve as it: --db postgres://${role.role}:…@host/db (row-level security applies)`
            : 'it cannot log in: set ATELIER_APP_PASSWORD and run migrate again, or grant it to a login role (see the README)'),
      )
    },
    false,
  )
}

/**
 * `atelier studio create --name … [--owner-email … [--owner-name …]]`: a new studio, with its
 * Ed25519 signing key; given an owner's address, the one-time link through which that person
 * sets up their account as the studio's first owner.
 */
export async function studioCreateCommand(
  config: ServerConfig,
  input: { name?: string; ownerEmail?: string; ownerName?: string },
  json: boolean,
  out: Out,
): Promise<void> {
  const { name, ownerEmail, ownerName } = input
  if (!name) throw new CliError('studio create needs --name "<studio name>"')
  if (ownerName && !ownerEmail) throw new CliError('--owner-name goes with --owner-email <address>')
  await withStorage(config, async ({ storage }) => {
    const atelier = createAtelier({ storage })
    const studio = await atelier.studios.create({ name })
    const owner =
      ownerEmail &&
      (await inviteByLink(
        atelier,
        studio.id,
        { email: ownerEmail, role: 'owner', ...(ownerName && { name: ownerName }) },
        publicUrlFor(config, config.port),
      ))
    const result = {
      id: studio.id,
      name: studio.name,
      publicKey: studio.signingKeys[0]!.publicKey,
      keyId: studio.signingKeys[0]!.keyId,
      ...(owner && {
        owner: {
          email: owner.invitation.email,
          invitationId: owner.invitation.id,
          expiresAt: owner.invitation.expiresAt,
          link: owner.link,
        },
      }),
    }
    if (json) return out(JSON.stringify(result))
    out(`studio ${result.id} "${result.name}" created (receipt key ${result.keyId})`)
    if (owner) {
      out(
        `the owner, ${owner.invitation.email}, sets up their account through this link (once, until ${owner.invitation.expiresAt}; shown once):\n${owner.link}`,
      )
    } else {
      out(
        `next: atelier member invite --studio ${result.id} --email <address> --role owner, or atelier key create --studio ${result.id}`,
      )
    }
  })
}

/**
 * `atelier key create --studio … [--kind secret|publishable] [--role …]`: a secret (default) or
 * publishable key, printed once. A secret key acts in the role chosen here (`owner` unless
 * `--role` says otherwise); a publishable key has no role, so `--role` is refused with it.
 */
export async function keyCreateCommand(
  config: ServerConfig,
  input: { studio?: string; kind?: string; label?: string; role?: string },
  json: boolean,
  out: Out,
): Promise<void> {
  if (!input.studio) throw new CliError('key create needs --studio <studio id>')
  const kind = input.kind ?? 'secret'
  if (kind !== 'secret' && kind !== 'publishable')
    throw new CliError(`--kind must be secret or publishable, not "${kind}"`)
  if (kind === 'publishable' && input.role !== undefined) {
    throw new CliError(
      '--role goes with a secret key; a publishable key has none (it reaches public routes only)',
    )
  }
  const role = kind === 'secret' ? roleFlag(input.role ?? 'owner') : undefined
  await withStorage(config, async ({ storage }) => {
    const { key, token } = await createAtelier({ storage }).credentials.createKey(
      systemScope(input.studio!),
      { kind, label: input.label ?? 'cli', ...(role && { role }) },
    )
    if (json) {
      out(JSON.stringify({ id: key.id, kind: key.kind, label: key.label, role: key.role, token }))
    } else {
      out(
        `${kind} key ${key.id}${key.role ? ` (${key.role})` : ''} created. It is shown this once:\n${token}`,
      )
    }
  })
}

/**
 * `atelier seed-demo`: a demo studio with clients, projects in several stages and links, and
 * members (owner, designer, viewer) who can sign in.
 */
export async function seedDemoCommand(
  config: ServerConfig,
  json: boolean,
  out: Out,
): Promise<void> {
  await withStorage(config, async (opened) => {
    const { storage } = opened
    const { blobs } = await openBlobs(config.blobs)
    const publicUrl = publicUrlFor(config, config.port)
    const { secret } = await authSecret(opened.kind, config.db)
    const auth = openAuth(createAtelier({ storage, blobs }), opened, secret, publicUrl)
    const seed = await seedDemo(storage, blobs, publicUrl, auth)
    if (json) out(JSON.stringify(seed))
    else printDemo(seed, out)
  })
}

/** `atelier backup <file>`: an online copy of the SQLite database. */
export async function backupCommand(
  config: ServerConfig,
  file: string | undefined,
  out: Out,
): Promise<void> {
  if (!file) throw new CliError('backup needs the file to write: atelier backup <file>')
  await withStorage(config, async (opened) => {
    if (opened.kind !== 'sqlite')
      throw new CliError('backup copies SQLite databases; for Postgres use pg_dump', 1)
    await backupSqlite(opened.storage, file)
    out(`backed up ${opened.where} to ${file}`)
  })
}
