import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { NodeSqliteDialect } from './node-sqlite-dialect.js'

type Db = { t: { id: number; name: string; flag: number } }

const dir = mkdtempSync(join(tmpdir(), 'atelier-dialect-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function open(file = ':memory:', statementCacheSize?: number) {
  const database = new DatabaseSync(file)
  database.exec('pragma journal_mode = wal')
  const db = new Kysely<Db>({
    dialect: new NodeSqliteDialect({
      database,
      ...(statementCacheSize && { statementCacheSize }),
    }),
  })
  await sql`create table if not exists t (id integer primary key, name text, flag integer)`.execute(
    db,
  )
  return db
}

describe('NodeSqliteDialect', () => {
  it('runs selects, writes with and without returning, and counts affected rows', async () => {
    const db = await open()
    const inserted = await db
      .insertInto('t')
      .values({ id: 1, name: 'a', flag: 0 })
      .executeTakeFirst()
    expect(inserted.numInsertedOrUpdatedRows).toBe(1n)
    const returned = await db
      .insertInto('t')
      .values({ id: 2, name: 'b', flag: 0 })
      .returning(['id', 'name'])
      .execute()
    expect(returned).toEqual([{ id: 2, name: 'b' }])
    const updated = await db.updateTable('t').set({ name: 'z' }).executeTakeFirst()
    expect(updated.numUpdatedRows).toBe(2n)
    expect(await db.selectFrom('t').select('name').orderBy('id').execute()).toEqual([
      { name: 'z' },
      { name: 'z' },
    ])
    await db.destroy()
  })

  it('binds booleans as 0 and 1, and refuses undefined', async () => {
    const db = await open()
    await db
      .insertInto('t')
      .values({ id: 1, name: 'x', flag: true as unknown as number })
      .execute()
    expect(await db.selectFrom('t').select('flag').executeTakeFirst()).toEqual({ flag: 1 })
    await expect(sql`select ${undefined} as x`.execute(db)).rejects.toThrow(/undefined/)
    await db.destroy()
  })

  it('keeps working past its statement cache size', async () => {
    const db = await open(':memory:', 2)
    for (let round = 0; round < 2; round++)
      for (const n of [1, 2, 3]) {
        const row = await sql<{ n: number }>`select ${n} + ${round} as n`.execute(db)
        expect(row.rows).toEqual([{ n: n + round }])
      }
    await db.destroy()
  })

  it('takes the write lock at BEGIN for write transactions', async () => {
    const file = join(dir, 'immediate.db')
    const db = await open(file)
    const other = new DatabaseSync(file, { timeout: 0 })
    await db.transaction().execute(async () => {
      expect(() => other.exec('begin immediate')).toThrow(/locked|busy/i)
    })
    other.exec('begin immediate')
    other.exec('rollback')
    other.close()
    await db.destroy()
  })

  it('begins read-only transactions deferred, leaving the write lock free', async () => {
    const file = join(dir, 'deferred.db')
    const db = await open(file)
    const other = new DatabaseSync(file, { timeout: 0 })
    await db
      .transaction()
      .setAccessMode('read only')
      .execute(async (trx) => {
        await trx.selectFrom('t').selectAll().execute()
        other.exec('begin immediate')
        other.exec("insert into t values (9, 'other', 0)")
        other.exec('commit')
        // The snapshot taken at the first read does not see the other connection's commit.
        expect(await trx.selectFrom('t').selectAll().execute()).toEqual([])
      })
    expect(await db.selectFrom('t').select('id').execute()).toEqual([{ id: 9 }])
    other.close()
    await db.destroy()
  })
})
