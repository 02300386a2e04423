import { fsync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely'
import { describe, expect, it } from 'vitest'
import { tempFolder } from '../../test/temp.js'
import { Mutex } from './mutex.js'
import { sqliteTransactions } from './sqlite-transactions.js'
import { WalSync } from './wal-sync.js'

const temp = tempFolder()

// biome-ignore lint/suspicious/noExplicitAny: a one-table schema for compiling test queries
const compiler = new Kysely<any>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
})
const insert = (id: number) => compiler.insertInto('t').values({ id, v: 'x' }).compile()
const select = () =>
  compiler
    .selectFrom('t')
    .select((eb) => eb.fn.countAll().as('n'))
    .compile()

/** A log sync whose fsyncs wait until the test lets them go. */
function heldSync(path: string) {
  const held: (() => void)[] = []
  const wal = new WalSync(path, ((fd: number, done: (e: Error | null) => void) => {
    held.push(() => fsync(fd, done))
  }) as typeof fsync)
  const releaseAll = () => {
    for (const go of held.splice(0)) go()
  }
  return { wal, held, releaseAll }
}

function database() {
  const path = temp.file('wal.db')
  const db = new DatabaseSync(path)
  db.exec('pragma journal_mode = wal; pragma synchronous = normal')
  db.exec('create table t (id integer primary key, v text)')
  return { path, db }
}

/** Waits (event loop turns, no clock) until `ready()` holds. */
const until = async (ready: () => boolean) => {
  while (!ready()) await new Promise((r) => setImmediate(r))
}

/** Whether `p` settles while nothing it waits for is released (a few event loop turns). */
const settled = async (p: Promise<unknown>) => {
  let done = false
  void p.then(() => {
    done = true
  })
  await new Promise((r) => setTimeout(r, 20))
  return done
}

describe('group commit', () => {
  it('answers a write only after a log fsync that started after its commit', async () => {
    const { path, db } = database()
    const { wal, held, releaseAll } = heldSync(path)
    const transact = sqliteTransactions(db, new Mutex(), { wal })
    const first = transact(false, async (x) => x.executeQuery(insert(1)))
    await until(() => held.length === 1)
    const second = transact(false, async (x) => x.executeQuery(insert(2)))
    expect(await settled(first)).toBe(false)
    expect(held).toHaveLength(1) // one fsync in flight, started before the second commit
    releaseAll()
    await first
    expect(await settled(second)).toBe(false) // the first fsync does not cover it
    await until(() => held.length === 1)
    releaseAll()
    await second
    db.close()
  })

  it('lets concurrent writers share fsyncs', async () => {
    const { path, db } = database()
    let fsyncs = 0
    const wal = new WalSync(path, ((fd: number, done: (e: Error | null) => void) => {
      fsyncs++
      fsync(fd, done)
    }) as typeof fsync)
    const transact = sqliteTransactions(db, new Mutex(), { wal })
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => transact(false, async (x) => x.executeQuery(insert(i)))),
    )
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 50 })
    expect(fsyncs).toBeLessThanOrEqual(3)
    db.close()
  })

  it('holds a read that saw an unsynced commit, and not one that saw none', async () => {
    const { path, db } = database()
    const { wal, releaseAll } = heldSync(path)
    const transact = sqliteTransactions(db, new Mutex(), { wal })
    expect(await transact(true, async (x) => x.executeQuery(select()).rows)).toEqual([{ n: 0 }])
    const write = transact(false, async (x) => x.executeQuery(insert(1)))
    const read = transact(true, async (x) => x.executeQuery(select()).rows)
    expect(await settled(read)).toBe(false)
    releaseAll()
    expect(await read).toEqual([{ n: 1 }])
    await write
    db.close()
  })

  it('does not sync a write transaction that changed nothing', async () => {
    const { path, db } = database()
    const { wal, held } = heldSync(path)
    const transact = sqliteTransactions(db, new Mutex(), { wal })
    await transact(false, async (x) => x.executeQuery(select()).rows)
    expect(held).toHaveLength(0)
    db.close()
  })

  it('rejects the waiting writers when the fsync fails', async () => {
    const { path, db } = database()
    const wal = new WalSync(path, ((_: number, done: (e: Error | null) => void) =>
      done(new Error('EIO'))) as typeof fsync)
    const transact = sqliteTransactions(db, new Mutex(), { wal })
    await expect(transact(false, async (x) => x.executeQuery(insert(1)))).rejects.toThrow('EIO')
    db.close()
  })
})
