import { createHmac } from 'node:crypto'
import { createAtelier } from '@atelier/core'
import { fixtures, type JourneyResult, runJourney } from '@atelier/core/testing'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EVERY_STUDIO } from '../src/dialect/postgres-scope.js'
import {
  type AtelierDatabase,
  enterStudio,
  grantAppRole,
  type SqlStorage,
  sqlStorage,
} from '../src/index.js'
import { scramVerifier } from '../src/schema/app-role.js'
import { APP_ROLE, postgresUrl, testSchema } from './postgres.js'

/** The directories: read across studios, written only inside the studio a row names. */
const DIRECTORIES: Record<string, string> = { studios: 'id', lookups: 'studio_id' }

describe.skipIf(!postgresUrl)('row-level security on Postgres', () => {
  const db = testSchema('rls')
  let storage: SqlStorage
  let a: JourneyResult
  let b: JourneyResult
  /** A connection of the server's role, on which the tests send SQL of their own. */
  let app: pg.Client
  /** Tables with a `studio_id` column, outside the directories. */
  let owned: string[]

  beforeAll(async () => {
    storage = await db.open()
    const atelier = createAtelier({ storage })
    a = await runJourney(atelier)
    b = await runJourney(atelier)
    app = new pg.Client({
      connectionString: postgresUrl,
      options: `-c role=${APP_ROLE} -c search_path=${db.schema}`,
    })
    await app.connect()
    const columns = await db.query<{ table: string }>(
      `select table_name as "table" from information_schema.columns
       where table_schema = $1 and column_name = 'studio_id' order by 1`,
      [db.schema],
    )
    owned = columns.map((c) => c.table).filter((t) => !(t in DIRECTORIES))
  })
  afterAll(async () => {
    await app?.end()
    await storage?.close()
  })

  /** Rows of `table` per studio, counted by the test URL's superuser (no policy applies). */
  const counts = async (table: string) => {
    const rows = await db.query<{ studio: string; n: string }>(
      `select ${DIRECTORIES[table] ?? 'studio_id'} as studio, count(*) as n from "${table}" group by 1`,
    )
    return Object.fromEntries(rows.map((r) => [r.studio, Number(r.n)]))
  }
  /** `fn` in one transaction of the server's role, in `studio` (none: no studio set). */
  const inTransaction = async <T>(studio: string | undefined, fn: () => Promise<T>) => {
    await app.query('begin')
    try {
      if (studio) await app.query(`select set_config('atelier.studio_id', $1, true)`, [studio])
      return await fn()
    } finally {
      await app.query('rollback')
    }
  }
  const studiosOf = async (table: string) =>
    (await app.query<{ studio_id: string }>(`select studio_id from "${table}"`)).rows.map(
      (r) => r.studio_id,
    )

  it('serves as a role the policies bind: no superuser, no BYPASSRLS, owner of nothing', async () => {
    const [role] = await db.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      'select rolsuper, rolbypassrls from pg_roles where rolname = $1',
      [APP_ROLE],
    )
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false })
    const mine = await db.query(
      'select 1 from pg_tables where schemaname = $1 and tableowner = $2',
      [db.schema, APP_ROLE],
    )
    expect(mine).toEqual([])
    const { rows } = await app.query<{ user: string }>('select current_user as "user"')
    expect(rows[0]!.user).toBe(APP_ROLE)
  })

  it('enables and forces row-level security on every table that names a studio', async () => {
    expect(owned.length).toBeGreaterThanOrEqual(15)
    const tables = await db.query<{
      table: string
      on: boolean
      forced: boolean
      policies: string
    }>(
      `select c.relname as "table", c.relrowsecurity as "on", c.relforcerowsecurity as forced,
              (select count(*) from pg_policy p where p.polrelid = c.oid) as policies
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = $1 and c.relkind = 'r'`,
      [db.schema],
    )
    const byName = Object.fromEntries(tables.map((t) => [t.table, t]))
    for (const table of [...owned, ...Object.keys(DIRECTORIES)]) {
      expect(byName[table], table).toMatchObject({ on: true, forced: true })
      expect(Number(byName[table]!.policies), table).toBeGreaterThan(0)
    }
  })

  it("returns only studio A's rows to an unscoped query inside A's transaction, in every table", async () => {
    const seen: Record<string, number> = {}
    for (const table of owned) {
      const stored = await counts(table)
      const rows = await inTransaction(a.studioId, () => studiosOf(table))
      expect(
        rows.every((s) => s === a.studioId),
        table,
      ).toBe(true)
      expect(rows.length, table).toBe(stored[a.studioId] ?? 0)
      seen[table] = stored[b.studioId] ?? 0
    }
    // Studio B has rows the query did not see, in the tables a journey fills.
    for (const table of ['clients', 'projects', 'deliverables', 'signoffs', 'audit_events']) {
      expect(seen[table], table).toBeGreaterThan(0)
    }
    const projects = await inTransaction(a.studioId, async () =>
      (await app.query<{ id: string }>('select * from projects')).rows.map((r) => r.id),
    )
    expect(projects).toEqual([a.projectId])
  })

  it('returns no row at all with no studio set, and a studio set ends with its transaction', async () => {
    for (const table of owned) {
      expect(await inTransaction(undefined, () => studiosOf(table)), table).toEqual([])
      expect(await studiosOf(table), `${table}, outside a transaction`).toEqual([])
    }
    await app.query('begin')
    await app.query(`select set_config('atelier.studio_id', $1, true)`, [a.studioId])
    await app.query('commit')
    expect(await studiosOf('projects')).toEqual([])
  })

  it("writes nothing of studio B's from studio A's transaction", async () => {
    await inTransaction(a.studioId, async () => {
      const updated = await app.query("update projects set stage = stage where studio_id <> ''")
      expect(updated.rowCount).toBe(1)
    })
    const insert = inTransaction(a.studioId, () =>
      app.query(
        `insert into clients (studio_id, id, created_at, updated_at, version, doc)
         values ($1, 'cli_planted', now(), now(), 1, '{}')`,
        [b.studioId],
      ),
    )
    await expect(insert).rejects.toMatchObject({ code: '42501' })
    const relabel = await inTransaction(a.studioId, () =>
      app.query('update clients set studio_id = $1', [b.studioId]).catch((e: unknown) => e),
    )
    expect(relabel).toMatchObject({ code: '42501' })
    // Append-only tables refuse updates to the serving role altogether.
    const rewrite = await inTransaction(a.studioId, () =>
      app.query("update audit_events set action = 'rewritten'").catch((e: unknown) => e),
    )
    expect(rewrite).toMatchObject({ code: '42501' })
  })

  it("reads a studio's row (its signing key) only in that studio, or listing every studio", async () => {
    const ids = async () =>
      (await app.query<{ id: string }>('select id from studios')).rows.map((r) => r.id)
    expect(await ids(), 'no studio set').toEqual([])
    expect(await inTransaction(a.studioId, ids), 'in studio A').toEqual([a.studioId])
    expect(await inTransaction(EVERY_STUDIO, ids)).toEqual(
      expect.arrayContaining([a.studioId, b.studioId]),
    )
    // Listing every studio opens no other table.
    expect(await inTransaction(EVERY_STUDIO, () => studiosOf('projects'))).toEqual([])
    // Through the storage port: get in its own studio, list across.
    const seen = await storage.transaction(async (tx) => ({
      b: (await tx.studios.get(b.studioId))?.id,
      all: (await tx.studios.list()).map((st) => st.id),
    }))
    expect(seen.b).toBe(b.studioId)
    expect(seen.all).toEqual(expect.arrayContaining([a.studioId, b.studioId]))
  })

  it('writes the directories only in the studio a row names', async () => {
    await inTransaction(a.studioId, async () => {
      const touched = await app.query('update studios set version = version')
      expect(touched.rowCount).toBe(1)
      const planted = app.query(
        "insert into lookups (key, studio_id, ref_id) values ('signoff:planted', $1, 'x')",
        [b.studioId],
      )
      await expect(planted).rejects.toMatchObject({ code: '42501' })
    })
  })

  it("runs the storage's statements in their studio, and enterStudio scopes storage.db", async () => {
    const mine = await storage.db.transaction().execute(async (trx) => {
      await enterStudio(trx, b.studioId)
      return sql<{ id: string }>`select id from projects`.execute(trx)
    })
    expect(mine.rows.map((r) => r.id)).toEqual([b.projectId])
    const bare = await sql<{ id: string }>`select id from projects`.execute(storage.db)
    expect(bare.rows).toEqual([])
    // Outside a transaction the setting would end with its own statement: refused, not ignored.
    await expect(enterStudio(storage.db, b.studioId)).rejects.toThrow(/needs a transaction/)
    // Through the storage port: a studio's repositories in one transaction, then the other's.
    const both = await storage.transaction(async (tx) => [
      (await tx.scoped(a.studioId).projects.list({ limit: 10 })).map((p) => p.id),
      (await tx.scoped(b.studioId).projects.list({ limit: 10 })).map((p) => p.id),
      (await tx.scoped(a.studioId).clients.get(a.clientId))?.id,
    ])
    expect(both).toEqual([[a.projectId], [b.projectId], a.clientId])
  })

  it('sets the studio through sqlStorage over a Kysely instance of your own', async () => {
    const pool = new pg.Pool({
      connectionString: postgresUrl,
      max: 1,
      options: `-c role=${APP_ROLE} -c search_path=${db.schema}`,
    })
    const own = sqlStorage(new Kysely<AtelierDatabase>({ dialect: new PostgresDialect({ pool }) }))
    try {
      const read = await own.transaction(async (tx) => [
        (await tx.scoped(a.studioId).projects.get(a.projectId))?.id,
        (await tx.scoped(b.studioId).projects.get(a.projectId))?.id,
        (await tx.scoped(b.studioId).projects.get(b.projectId))?.id,
      ])
      expect(read).toEqual([a.projectId, undefined, b.projectId])
      const client = fixtures.client(a.studioId)
      await own.transaction((tx) => tx.scoped(a.studioId).clients.insert(client))
      expect(await studiosOf('clients')).toEqual([])
      const stored = await inTransaction(a.studioId, () =>
        app.query('select id from clients where id = $1', [client.id]),
      )
      expect(stored.rowCount).toBe(1)
    } finally {
      await own.close()
    }
  })

  it('refuses to grant a role that would bypass the policies', async () => {
    const bypass = `atelier_test_bypass_${process.pid}`
    const superuser = `atelier_test_super_${process.pid}`
    const member = `atelier_test_member_${process.pid}`
    await db.query(`create role ${bypass} nologin bypassrls`)
    await db.query(`create role ${superuser} nologin superuser`)
    const owner = await db.openAsOwner()
    try {
      await expect(grantAppRole(owner.db, { role: bypass })).rejects.toThrow(/BYPASSRLS/)
      await expect(grantAppRole(owner.db, { role: superuser })).rejects.toThrow(/superuser/)
      const { rows } = await sql<{ me: string }>`select current_user as me`.execute(owner.db)
      await expect(grantAppRole(owner.db, { role: rows[0]!.me })).rejects.toThrow(/itself/)
      await expect(grantAppRole(owner.db, { role: 'Robert"; drop' })).rejects.toThrow(/lower-case/)
      // A member of the tables' owner acts with its rights (SET ROLE, or inherited).
      await db.query(`create role ${member} nologin`)
      await db.query(`grant "${rows[0]!.me}" to ${member}`)
      await expect(grantAppRole(owner.db, { role: member })).rejects.toThrow(
        new RegExp(`${member} is a member of ${rows[0]!.me}, which own .*studios`),
      )
      expect(await grantAppRole(owner.db, { role: APP_ROLE })).toMatchObject({
        role: APP_ROLE,
        created: false,
        schema: db.schema,
      })
    } finally {
      await owner.close()
      await db.query(`drop role ${bypass}`)
      await db.query(`drop role ${superuser}`)
      await db.query(`drop role if exists ${member}`)
    }
  })
})

describe('scramVerifier', () => {
  it('derives the keys of RFC 7677’s SCRAM-SHA-256 example', () => {
    const salt = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64')
    const verifier = scramVerifier('pencil', salt, 4096)
    const [, iterations, saltText, storedKey, serverKey] =
      /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(verifier)!
    expect([iterations, saltText]).toEqual(['4096', 'W22ZaJ0SNY7soEsUEjb6gQ=='])
    expect(Buffer.from(storedKey!, 'base64')).toHaveLength(32)
    const nonce = 'rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0'
    const authMessage = `n=user,r=rOprNGfwEbeRWgbNEkqO,r=${nonce},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=${nonce}`
    const signature = createHmac('sha256', Buffer.from(serverKey!, 'base64'))
      .update(authMessage)
      .digest('base64')
    expect(signature).toBe('6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=')
  })
})
