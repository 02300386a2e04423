import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { Kysely } from 'kysely'
import { NodeSqliteDialect } from './dialect/node-sqlite-dialect.js'
import type { AtelierDatabase } from './schema/database.js'
import { migrateToLatest } from './schema/migrations.js'
import { type SqlStorage, sqlStorage } from './sql-storage.js'

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

const defaults = { synchronous: 'FULL', busyTimeoutMs: 5_000, migrate: true } as const

/**
 * Opens (creating if needed) a SQLite database file through `node:sqlite` and returns a ready,
 * migrated storage. WAL journal, `synchronous=FULL` by default, a busy timeout of at least
 * 5 s, foreign keys on, `BEGIN IMMEDIATE` for write transactions, and one writer connection
 * per file in this process. Rate-limit counters stay in process memory (no write per request). `:memory:` gives a private in-memory database.
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
  try {
    database.exec('pragma journal_mode = wal')
    database.exec(`pragma synchronous = ${opts.synchronous}`)
    database.exec('pragma foreign_keys = on')
  } catch (error) {
    database.close()
    throw error
  }
  const db = new Kysely<AtelierDatabase>({ dialect: new NodeSqliteDialect({ database }) })
  if (opts.migrate) {
    try {
      await migrateToLatest(db)
    } catch (error) {
      await db.destroy()
      throw error
    }
  }
  return { ...sqlStorage(db, { counters: 'memory' }), database }
}
