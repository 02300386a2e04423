import type { ApiKey } from '@atelier/core'
import { fixtures } from '@atelier/core/testing'
import { type Kysely, sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import {
  enterStudio,
  migrateToLatest,
  migrationProvider,
  migrations,
  openPostgres,
  openSqlite,
  type SqlStorage,
} from '../src/index.js'
import { encode } from '../src/rows/codec.js'
import { codecs } from '../src/rows/codecs.js'
import { asRole, postgresUrl } from './postgres.js'
import { tempFolder } from './temp.js'

const T = '2026-11-22T08:00:00.000Z'

/** A studio with a secret and a publishable key, as a release before `0006_members` made them. */
function keysBefore() {
  const studio = fixtures.studio()
  const key = (kind: ApiKey['kind'], n: number): ApiKey => ({
    id: `key_${n}_${kind}`,
    studioId: studio.id,
    kind,
    label: `${kind} key`,
    tokenHash: n.toString(16).padStart(64, 'b'),
    hint: 'abcd',
    createdAt: T,
    version: 1,
  })
  return { studio, keys: [key('secret', 1), key('publishable', 2), key('secret', 3)] }
}

/** Migrates to `0005_studios_own_row` only, as Atelier 0.1 left a database. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely
async function migrateTo0005(db: Kysely<any>, schema?: string) {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName: 'atelier_migration',
    migrationLockTableName: 'atelier_migration_lock',
    ...(schema && { migrationTableSchema: schema }),
  })
  const { error } = await migrator.migrateTo('0005_studios_own_row')
  if (error) throw error
}

/** Writes the studio and its keys in the columns of `0005`: no `api_keys.role`. */
async function writeBefore(storage: SqlStorage, { studio, keys }: ReturnType<typeof keysBefore>) {
  await storage.db.transaction().execute(async (trx) => {
    if (storage.dialect === 'postgres') await enterStudio(trx, studio.id)
    await trx
      .insertInto('studios')
      .values(encode(codecs.studios, studio) as never)
      .execute()
    for (const key of keys) {
      const { role: _, ...row } = encode(codecs.apiKeys, key, studio.id)
      await trx
        .insertInto('api_keys')
        .values(row as never)
        .execute()
    }
  })
}

/** The upgrade, then the keys as the storage reads them. */
async function upgrade(storage: SqlStorage, before: ReturnType<typeof keysBefore>) {
  await writeBefore(storage, before)
  const names = Object.keys(migrations)
  expect(await migrateToLatest(storage.db)).toEqual({
    applied: names.slice(names.indexOf('0006_members')),
  })
  return storage.transaction((tx) => tx.scoped(before.studio.id).apiKeys.list())
}

/** What the upgrade must leave: secret keys owners, publishable keys without a role. */
const expected = ({ keys }: ReturnType<typeof keysBefore>) =>
  keys.map((key) => (key.kind === 'secret' ? { ...key, role: 'owner' } : key))

describe('0006_members on a database of the release before', () => {
  it('sqlite: makes every secret key an owner key; publishable keys get no role', async () => {
    const temp = tempFolder()
    const storage = await openSqlite(temp.file('upgrade.db'), { migrate: false })
    try {
      await migrateTo0005(storage.db)
      const before = keysBefore()
      const read = await upgrade(storage, before)
      expect(read).toEqual(expected(before))
      expect(read[1]).not.toHaveProperty('role')
    } finally {
      await storage.close()
    }
  })

  describe.skipIf(!postgresUrl)('postgres', () => {
    // The tables' owner is no superuser, so row-level security (FORCE) binds it too.
    const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`
    const owner = `atelier_test_owner_${suffix}`
    const schema = `atelier_test_upgrade_${suffix}`
    const admin = async (text: string) => {
      const client = new pg.Client({ connectionString: postgresUrl })
      await client.connect()
      try {
        return (await client.query(text)).rows
      } finally {
        await client.end()
      }
    }
    afterAll(async () => {
      if (!postgresUrl) return
      await admin(`drop schema if exists "${schema}" cascade`)
      await admin(`drop role if exists ${owner}`)
    })

    it('makes every secret key an owner key as an owner that row-level security binds', async () => {
      await admin(`create role ${owner} nologin nosuperuser nobypassrls`)
      await admin(`create schema "${schema}" authorization ${owner}`)
      const storage = await openPostgres(asRole(postgresUrl!, owner), { schema, migrate: false })
      try {
        await migrateTo0005(storage.db, schema)
        const before = keysBefore()
        const read = await upgrade(storage, before)
        expect(read).toEqual(expected(before))
        // The owner sees no row outside a studio: the policies still bind it after the upgrade.
        const bare = await sql<{ n: string }>`select count(*) as n from api_keys`.execute(
          storage.db,
        )
        expect(Number(bare.rows[0]!.n)).toBe(0)
      } finally {
        await storage.close()
      }
      const tables = await admin(
        `select c.relname as "table", c.relrowsecurity as "on", c.relforcerowsecurity as forced,
                (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = '${schema}' and c.relname in ('api_keys', 'members', 'invitations')
         order by 1`,
      )
      expect(tables).toEqual([
        { table: 'api_keys', on: true, forced: true, policies: 1 },
        { table: 'invitations', on: true, forced: true, policies: 1 },
        { table: 'members', on: true, forced: true, policies: 1 },
      ])
    })
  })
})
