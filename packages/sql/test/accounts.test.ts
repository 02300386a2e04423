import type { Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import {
  type AccountRows,
  countAccounts,
  createAccountWithoutPassword,
  findAccount,
  openSqlite,
  readAccounts,
  type SqlStorage,
  writeAccounts,
} from '../src/index.js'
import { postgresUrl, testSchema } from './postgres.js'
import { tempFolder } from './temp.js'

/*
 * The account tables (Better Auth's, migration 0007) read in one form on either dialect and
 * written back in the target's: a round trip SQLite -> Postgres -> SQLite gives the same rows,
 * and each database holds them as Better Auth does there (ISO text and 0/1 on SQLite).
 */

const at = (iso: string) => new Date(iso)

/** Two people: one with a password and two-factor (locked out a while), one without. */
const rows: AccountRows = {
  auth_user: [
    {
      id: 'user_a',
      name: '王设计 Wang',
      email: 'wang@studio.example',
      emailVerified: true,
      image: null,
      createdAt: at('2026-11-22T08:00:00.123Z'),
      updatedAt: at('2026-11-23T09:30:00.456Z'),
      twoFactorEnabled: true,
    },
    {
      id: 'user_b',
      name: 'Li',
      email: 'li@studio.example',
      emailVerified: false,
      image: 'https://studio.example/li.png',
      createdAt: at('2026-11-24T10:00:00.000Z'),
      updatedAt: at('2026-11-24T10:00:00.000Z'),
      twoFactorEnabled: null,
    },
  ],
  auth_account: [
    {
      id: 'acc_a',
      accountId: 'user_a',
      providerId: 'credential',
      userId: 'user_a',
      accessToken: null,
      refreshToken: null,
      idToken: null,
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: at('2027-01-01T00:00:00.000Z'),
      scope: null,
      password: 'salt:hash',
      createdAt: at('2026-11-22T08:00:00.123Z'),
      updatedAt: at('2026-11-22T08:00:00.123Z'),
    },
  ],
  auth_two_factor: [
    {
      id: 'tf_a',
      secret: 'encrypted-secret',
      backupCodes: 'encrypted-codes',
      userId: 'user_a',
      verified: true,
      failedVerificationCount: 3,
      lockedUntil: at('2026-11-23T09:35:00.000Z'),
    },
  ],
}

const temp = tempFolder()
const trip = testSchema('accounts_trip')
const pg = testSchema('accounts')
const sqlite = () => openSqlite(temp.file('accounts.db'))

async function using<T>(open: () => Promise<SqlStorage>, work: (s: SqlStorage) => Promise<T>) {
  const storage = await open()
  try {
    return await work(storage)
  } finally {
    await storage.close()
  }
}

/** Writes `from` into a fresh database in one transaction, then reads it back. */
const copyInto = (open: () => Promise<SqlStorage>, from: AccountRows) =>
  using(open, async (storage) => {
    const written = await storage.db.transaction().execute(async (trx) => {
      expect(await countAccounts(trx)).toBe(0)
      return writeAccounts(trx, from)
    })
    expect(written).toBe(2)
    expect(await countAccounts(storage.db)).toBe(2)
    return readAccounts(storage.db)
  })

describe('account rows', () => {
  it('come back from SQLite as they went in, kept there as ISO text and 0/1', async () => {
    const file = temp.file('raw.db')
    expect(await copyInto(() => openSqlite(file), rows)).toEqual(rows)
    await using(
      () => openSqlite(file),
      async (storage) => {
        // biome-ignore lint/suspicious/noExplicitAny: the raw values, as Better Auth reads them
        const raw = await (storage.db as Kysely<any>)
          .selectFrom('auth_user')
          .selectAll()
          .where('id', '=', 'user_a')
          .executeTakeFirstOrThrow()
        expect(raw).toMatchObject({
          emailVerified: 1,
          twoFactorEnabled: 1,
          createdAt: '2026-11-22T08:00:00.123Z',
        })
      },
    )
  })

  it.skipIf(!postgresUrl)('travel SQLite -> Postgres -> SQLite unchanged', async () => {
    const fromSqlite = await copyInto(sqlite, rows)
    const inPostgres = await copyInto(() => trip.open(), fromSqlite)
    expect(inPostgres).toEqual(rows)
    expect(inPostgres.auth_user[0]!.createdAt).toBeInstanceOf(Date)
    expect(await copyInto(sqlite, inPostgres)).toEqual(rows)
  })
})

const databases = [
  { name: 'a SQLite file', open: sqlite },
  ...(postgresUrl ? [{ name: 'Postgres', open: () => pg.open() }] : []),
]

describe.each(databases)('accounts on $name', ({ open }) => {
  it('are found by id or address, and say whether they have a password', async () => {
    await using(open, async (storage) => {
      await storage.db.transaction().execute(async (trx) => {
        if ((await countAccounts(trx)) === 0) await writeAccounts(trx, rows)
      })
      const wang = { id: 'user_a', name: '王设计 Wang', email: 'wang@studio.example' }
      expect(await findAccount(storage.db, { id: 'user_a' })).toEqual({
        ...wang,
        hasPassword: true,
      })
      expect(await findAccount(storage.db, { email: ' Wang@Studio.EXAMPLE ' })).toEqual({
        ...wang,
        hasPassword: true,
      })
      expect(await findAccount(storage.db, { email: 'li@studio.example' })).toMatchObject({
        id: 'user_b',
        hasPassword: false,
      })
      expect(await findAccount(storage.db, { id: 'user_nobody' })).toBeUndefined()
      expect(await findAccount(storage.db, { email: 'nobody@studio.example' })).toBeUndefined()
    })
  })

  it('are made without a password, verified, in the form the database keeps', async () => {
    await using(open, async (storage) => {
      const now = at('2026-12-01T12:00:00.000Z')
      const made = await createAccountWithoutPassword(
        storage.db,
        { id: 'user_new', name: 'New 新', email: 'New@Studio.example' },
        now,
      )
      const expected = { id: 'user_new', name: 'New 新', email: 'new@studio.example' }
      expect(made).toEqual({ ...expected, hasPassword: false })
      expect(await findAccount(storage.db, { email: 'new@studio.example' })).toEqual(made)
      const user = (await readAccounts(storage.db)).auth_user.find((u) => u.id === 'user_new')
      expect(user).toEqual({
        ...expected,
        emailVerified: true,
        image: null,
        createdAt: now,
        updatedAt: now,
        twoFactorEnabled: false,
      })
      await expect(
        createAccountWithoutPassword(storage.db, { ...expected, id: 'user_other' }),
      ).rejects.toThrow()
      expect((await readAccounts(storage.db)).auth_user.map((u) => u.id)).not.toContain(
        'user_other',
      )
    })
  })
})
