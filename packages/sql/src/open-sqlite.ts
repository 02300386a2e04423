import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { Kysely } from 'kysely'
import { NodeSqliteDialect } from './dialect/node-sqlite-dialect.js'
import { sqliteTransactions } from './dialect/sqlite-transactions.js'
import { setWalSync, WalSync } from './dialect/wal-sync.js'
import { writerLock } from './dialect/writer-lock.js'
import type { AtelierDatabase } from './schema/database.js'
import { migrateToLatest } from './schema/migrations.js'
import { type SqlStorage, storageOver } from './sql-storage.js'

/**
 * Options of {@link openSqlite}.
 *
 * @example
 * await openSqlite('data/atelier.db', { synchronous: 'NORMAL' })
 */
export interface SqliteOptions {
  /**
   * `FULL` syncs the write-ahead log on every commit: a committed transaction survives power
   * loss. `NORMAL` syncs at checkpoints only: commits survive a crash of the process, and the
   * last ones may roll back after a power loss or OS crash.
   * @default 'FULL'
   */
  synchronous?: 'FULL' | 'NORMAL'
  /**
   * With `FULL`, share log syncs between concurrent commits (group commit): the connection
   * appends commits to the write-ahead log without syncing it, and each write transaction
   * resolves once an `fsync` of the log that started after its commit has finished; one fsync
   * covers every commit before it. Read transactions likewise resolve only once everything
   * they could see is on disk. So no caller hears of, or acts on, a commit that a power cut
   * could take back, exactly as with SQLite's own `FULL`; concurrent writers just stop paying
   * one fsync each. Writes made on `storage.database` directly, bypassing the storage and
   * `storage.db`, run at `NORMAL`. `false` leaves the syncing to SQLite, one per commit.
   * @default true
   */
  groupCommit?: boolean
  /**
   * How long a connection waits for another process's write lock, in milliseconds (min 5000).
   * @default 5000
   */
  busyTimeoutMs?: number
  /**
   * Run {@link migrateToLatest} before returning.
   * @default true
   */
  migrate?: boolean
}

/**
 * A SQLite storage, with the `node:sqlite` database beneath it.
 *
 * @example
 * const storage: SqliteStorage = await openSqlite('data/atelier.db')
 * storage.database.prepare('pragma integrity_check').get()
 */
export interface SqliteStorage extends SqlStorage {
  readonly database: DatabaseSync
}

const defaults = {
  synchronous: 'FULL',
  groupCommit: true,
  busyTimeoutMs: 5_000,
  migrate: true,
} as const

/**
 * Opens (creating if needed) a SQLite database file through `node:sqlite` and returns a ready,
 * migrated storage. WAL journal, `synchronous=FULL` by default (with group commit), a busy
 * timeout of at least 5 s, foreign keys on, `BEGIN IMMEDIATE` for write transactions, and one
 * writer connection per file in this process. The storage runs its transactions straight on
 * `node:sqlite` (Kysely compiles the queries). Rate-limit counters stay in process memory (no
 * write per request). `:memory:` gives a private in-memory database.
 *
 * @example
 * const storage = await openSqlite('data/atelier.db')
 * const atelier = createAtelier({ storage })
 */
export async function openSqlite(
  path: string,
  options: SqliteOptions = {},
): Promise<SqliteStorage> {
  const opts = { ...defaults, ...options } satisfies Required<SqliteOptions>
  if (opts.synchronous !== 'FULL' && opts.synchronous !== 'NORMAL') {
    throw new TypeError(`synchronous must be 'FULL' or 'NORMAL', not ${opts.synchronous}`)
  }
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(resolve(path)), { recursive: true })
  const database = new DatabaseSync(path, {
    timeout: Math.max(5_000, opts.busyTimeoutMs),
    enableForeignKeyConstraints: true,
  })
  const file = database.location()
  const grouped = opts.synchronous === 'FULL' && opts.groupCommit && !!file
  try {
    database.exec('pragma journal_mode = wal')
    database.exec(`pragma synchronous = ${grouped ? 'NORMAL' : opts.synchronous}`)
    database.exec('pragma foreign_keys = on')
  } catch (error) {
    database.close()
    throw error
  }
  const wal = grouped ? new WalSync(file) : undefined
  if (wal) setWalSync(database, wal)
  const db = new Kysely<AtelierDatabase>({ dialect: new NodeSqliteDialect({ database }) })
  if (opts.migrate) {
    try {
      await migrateToLatest(db)
    } catch (error) {
      await db.destroy()
      throw error
    }
  }
  // Reads that stand alone (a tracker read's one statement) run on a second connection: it
  // never waits for the writer's lock and never sees an open transaction. (An in-memory
  // database has no second connection.)
  const reader = file
    ? new DatabaseSync(file, { readOnly: true, timeout: Math.max(5_000, opts.busyTimeoutMs) })
    : undefined
  const transactions = sqliteTransactions(database, writerLock(database), {
    ...(wal && { wal }),
    ...(reader && { reader }),
  })
  const onClose = async () => {
    await db.destroy()
    reader?.close()
    await wal?.close()
  }
  return { ...storageOver(db, { counters: 'memory', onClose }, transactions), database }
}
