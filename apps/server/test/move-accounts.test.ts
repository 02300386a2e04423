import { join } from 'node:path'
import { createAtelier } from '@atelier/core'
import { atelierApi } from '@atelier/hono'
import { accountTables, openPostgres, openSqlite, type SqlStorage } from '@atelier/sql'
import type { Kysely } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { CliError } from '../src/cli-error.js'
import { systemScope } from '../src/command.js'
import { moveCommand } from '../src/commands/move.js'
import { resolveConfig } from '../src/config.js'
import { openAuth } from '../src/open-auth.js'
import type { OpenedStorage } from '../src/open-storage.js'
import { demoInstallation, postgresSchemaUrl, postgresUrl, tempDir } from './archive-support.js'

/*
 * `atelier move` carries the installation's member accounts (people, passwords, two-factor
 * secrets) with the studios, in the same transaction of the target: they arrive exactly, the
 * sessions and reset links stay behind, and a member signs in on the new database with the
 * same password and finds their studio. A target that has accounts already is refused, and
 * none of the studios is written either.
 */

const SECRET = 'move-accounts-test-secret-0123456789-abcdefghijklmn'
const URL = 'http://127.0.0.1:3030'
const mover = { email: 'mover@studio.example', name: 'Mover 搬家', password: 'mover-password-1' }

const authOver = (opened: OpenedStorage) =>
  openAuth(createAtelier({ storage: opened.storage }), opened, SECRET, URL)
const sqlite = async (file: string): Promise<OpenedStorage> => ({
  kind: 'sqlite',
  storage: await openSqlite(file),
  where: file,
})

/** A table's rows, each value as one form whatever the database (ISO instants, 0/1 flags). */
async function rowsOf(storage: SqlStorage, table: string) {
  // biome-ignore lint/suspicious/noExplicitAny: Better Auth's tables are not in Atelier's schema
  const rows = await (storage.db as Kysely<any>)
    .selectFrom(table)
    .selectAll()
    .orderBy('id')
    .execute()
  return rows.map((row: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? Number(v) : v,
      ]),
    ),
  )
}

let dir: string
let install: Awaited<ReturnType<typeof demoInstallation>>
let studioId: string

beforeAll(async () => {
  dir = await tempDir('move-accounts')
  install = await demoInstallation(dir)
  studioId = install.seed.studio.id
  // A member with an account: signed in (a session), two-factor set up (its secret), and a
  // reset link asked for (a verification value).
  const opened = await sqlite(install.db)
  try {
    const auth = authOver(opened)
    const account = await auth.createAccount(mover)
    await createAtelier({ storage: opened.storage }).members.add(systemScope(studioId), {
      ...account,
      role: 'manager',
    })
    const signed = await auth.auth.api.signInEmail({
      body: { email: mover.email, password: mover.password },
      returnHeaders: true,
    })
    const cookie = signed.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    await auth.auth.api.enableTwoFactor({
      body: { password: mover.password },
      headers: new Headers({ cookie }),
    })
    expect(await auth.resetLink(mover.email)).toMatch(/\/reset#t=/)
    for (const table of [...accountTables, 'auth_session', 'auth_verification']) {
      expect((await rowsOf(opened.storage, table)).length, table).toBe(1)
    }
  } finally {
    await opened.storage.close()
  }
})

const targets = [
  ...(postgresUrl
    ? [{ name: 'Postgres', url: () => postgresSchemaUrl('move_accounts'), open: openPostgres }]
    : []),
  {
    name: 'a SQLite file',
    url: async () => join(dir, `moved-${Math.random().toString(36).slice(2)}.db`),
    open: (file: string) => openSqlite(file),
  },
]

describe.each(targets)('atelier move into $name', ({ name, url, open }) => {
  let target: string
  const said: string[] = []
  beforeAll(async () => {
    target = await url()
    await moveCommand(
      resolveConfig({ db: install.db, blobs: install.blobs }),
      target,
      undefined,
      (t) => said.push(t),
    )
  })

  it('carries the accounts exactly; sessions and reset links stay behind', async () => {
    const source = await openSqlite(install.db)
    const moved = await open(target)
    try {
      for (const table of accountTables) {
        expect(await rowsOf(moved, table), table).toEqual(await rowsOf(source, table))
      }
      expect(await rowsOf(moved, 'auth_session')).toEqual([])
      expect(await rowsOf(moved, 'auth_verification')).toEqual([])
    } finally {
      await source.close()
      await moved.close()
    }
    expect(said).toContain(
      'moved 1 member account (passwords and two-factor; sessions stay behind, so everyone signs in again)',
    )
    expect(said.some((line) => line.startsWith('two-factor secrets are encrypted with'))).toBe(
      name === 'Postgres',
    )
  })

  it('lets the member sign in there with the same password, into their studio', async () => {
    const storage = await open(target)
    try {
      const opened = { kind: storage.dialect, storage, where: target } as OpenedStorage
      const atelier = createAtelier({ storage })
      const api = atelierApi(atelier, {
        publicUrl: URL,
        auth: openAuth(atelier, opened, SECRET, URL),
      })
      const signIn = await api.request(`${URL}/auth/sign-in/email`, {
        method: 'POST',
        headers: { Origin: URL, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: mover.email, password: mover.password }),
      })
      expect(signIn.status).toBe(200)
      const cookie = signIn.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ')
      const me = await api.request(`${URL}/v1/me`, { headers: { Cookie: cookie } })
      expect(me.status).toBe(200)
      expect(await me.json()).toMatchObject({
        user: { email: mover.email, name: mover.name },
        studioId,
        memberships: [{ studio: { id: studioId }, member: { role: 'manager' } }],
      })
    } finally {
      await storage.close()
    }
  })
})

describe('atelier move into a database that has accounts already', () => {
  it('is refused, and none of the studios is written either', async () => {
    const file = join(dir, 'has-accounts.db')
    const opened = await sqlite(file)
    try {
      await authOver(opened).createAccount({ ...mover, email: 'someone@else.example' })
    } finally {
      await opened.storage.close()
    }
    const error = await moveCommand(
      resolveConfig({ db: install.db, blobs: install.blobs }),
      file,
      undefined,
      () => {},
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CliError)
    expect((error as CliError).message).toBe(
      `${file} has member accounts already; move writes only into an empty database`,
    )
    const after = await openSqlite(file)
    try {
      expect(await after.transaction((tx) => tx.studios.list(), { readOnly: true })).toEqual([])
      expect((await rowsOf(after, 'auth_user')).map((u) => u.email)).toEqual([
        'someone@else.example',
      ])
    } finally {
      await after.close()
    }
  })
})
