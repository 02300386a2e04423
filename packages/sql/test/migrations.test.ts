import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { migrateToLatest, migrations, openSqlite, type SqlStorage } from '../src/index.js'
import { postgresUrl, testSchema } from './postgres.js'
import { tempFolder } from './temp.js'

const GLOBAL = ['studios', 'lookups', 'counters']
/** Member sign-in's tables (Better Auth's): people's, not a studio's. */
const ACCOUNTS = [
  'auth_user',
  'auth_session',
  'auth_account',
  'auth_verification',
  'auth_two_factor',
]
const OWN = ['atelier_migration', 'atelier_migration_lock']

type Shape = Record<string, { columns: string[]; indexes: string[] }>

/** The tables of the database, or of `schema` (a shared Postgres database holds others). */
async function tablesOf(storage: SqlStorage, schema?: string) {
  const tables = await storage.db.introspection.getTables()
  return schema === undefined ? tables : tables.filter((t) => t.schema === schema)
}

/** Tables with their columns (`name`, `name?` when nullable) and indexes (column lists). */
async function shape(storage: SqlStorage, schema?: string): Promise<Shape> {
  const out: Shape = {}
  for (const table of await tablesOf(storage, schema)) {
    if (OWN.includes(table.name)) continue
    out[table.name] = {
      columns: table.columns.map((c) => `${c.name}${c.isNullable ? '?' : ''}`).sort(),
      indexes: [],
    }
  }
  const indexes =
    storage.dialect === 'sqlite'
      ? await sql<{ table: string; columns: string }>`
          select m.name as "table", (
            select group_concat(name, ',') from (
              select c.name from pragma_index_info(i.name) c order by c.seqno
            )
          ) as columns
          from sqlite_master m, pragma_index_list(m.name) i
          where m.type = 'table'`.execute(storage.db)
      : await sql<{ table: string; columns: string }>`
          select t.relname as "table", string_agg(a.attname, ',' order by k.ord) as columns
          from pg_index x
          join pg_class t on t.oid = x.indrelid
          join pg_namespace n on n.oid = t.relnamespace
          cross join lateral unnest(x.indkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
          where n.nspname = ${schema}
          group by x.indexrelid, t.relname`.execute(storage.db)
  for (const { table, columns } of indexes.rows) out[table]?.indexes.push(columns)
  for (const table of Object.values(out)) table.indexes.sort()
  return out
}

const shapes: Partial<Record<'sqlite' | 'postgres', Shape>> = {}

/** A database of its own: opens handles on it, unmigrated. */
interface Target {
  open: () => Promise<SqlStorage>
  schema?: string
}

function migrationSuite(dialect: 'sqlite' | 'postgres', empty: Target, race: Target) {
  describe(`migrations · ${dialect}`, () => {
    const opened: SqlStorage[] = []
    afterAll(async () => {
      for (const s of opened) await s.close()
    })
    const handle = async (target: Target) => {
      const s = await target.open()
      opened.push(s)
      return s
    }

    it('migrates an empty database to the latest schema; a second run is a no-op', async () => {
      const storage = await handle(empty)
      expect(await tablesOf(storage, empty.schema)).toEqual([])
      expect(await migrateToLatest(storage.db)).toEqual({ applied: Object.keys(migrations) })
      expect(await migrateToLatest(storage.db)).toEqual({ applied: [] })
      const s = await shape(storage, empty.schema)
      shapes[dialect] = s
      expect(Object.keys(s).sort()).toEqual(
        [
          ...GLOBAL,
          ...ACCOUNTS,
          'members',
          'invitations',
          'clients',
          'api_keys',
          'client_tokens',
          'projects',
          'deliverables',
          'file_versions',
          'revision_rounds',
          'signoffs',
          'receipts',
          'share_grants',
          'portfolio_consents',
          'audit_events',
          'access_log',
          'project_views',
          'idempotency',
        ].sort(),
      )
    })

    it('leads every primary key and index of a studio-owned table with studio_id', () => {
      const s = shapes[dialect]!
      for (const [table, { indexes }] of Object.entries(s)) {
        expect(indexes.length, table).toBeGreaterThan(0)
        if (GLOBAL.includes(table) || ACCOUNTS.includes(table)) continue
        for (const columns of indexes)
          expect(columns, `${table} (${columns})`).toMatch(/^studio_id,/)
      }
    })

    it('refuses a database migrated by a newer version (a migration it does not know)', async () => {
      const storage = await handle(empty)
      await storage.db
        .insertInto('atelier_migration' as never)
        .values({ name: '9999_from_the_future', timestamp: '2030-01-01T00:00:00.000Z' } as never)
        .execute()
      await expect(migrateToLatest(storage.db)).rejects.toThrow(/9999_from_the_future|corrupt/i)
      await storage.db
        .deleteFrom('atelier_migration' as never)
        .where('name' as never, '=', '9999_from_the_future' as never)
        .execute()
      expect(await migrateToLatest(storage.db)).toEqual({ applied: [] })
    })

    it('migrates once when two handles on one database start at the same time', async () => {
      const [a, b] = await Promise.all([handle(race), handle(race)])
      const reports = await Promise.all([migrateToLatest(a.db), migrateToLatest(b.db)])
      expect(reports.flatMap((r) => r.applied)).toEqual(Object.keys(migrations))
    })
  })
}

const temp = tempFolder()
const sqliteTarget = (): Target => {
  const file = temp.file('migrations.db')
  return { open: () => openSqlite(file, { migrate: false }) }
}
migrationSuite('sqlite', sqliteTarget(), sqliteTarget())

describe.skipIf(!postgresUrl)('postgres', () => {
  const pgTarget = (label: string): Target => {
    const db = testSchema(label)
    return { open: () => db.openAsOwner({ migrate: false }), schema: db.schema }
  }
  migrationSuite('postgres', pgTarget('migrations'), pgTarget('migration_race'))

  it('has the same logical schema on both dialects', () => {
    expect(shapes.postgres).toEqual(shapes.sqlite)
  })
})
