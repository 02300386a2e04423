import type { ScopedRepositories, Storage, StorageTransaction } from '@atelier/core/storage'
import type { Kysely } from 'kysely'
import { kyselyScope } from './dialect/postgres-scope.js'
import { countHit, globalRepositories } from './repositories/global.js'
import { memoryCounters } from './repositories/memory-counters.js'
import { QueryCache } from './repositories/prepared.js'
import { type Executes, runner, scopedRunner } from './repositories/runner.js'
import { scopedRepositories } from './repositories/scoped.js'
import { readClientView } from './repositories/views.js'
import type { AtelierDatabase } from './schema/database.js'
import { dialectOf, type SqlDialect } from './schema/dialect-of.js'
import { translateError } from './sql-errors.js'

/**
 * Options of {@link sqlStorage}.
 *
 * @example
 * sqlStorage(db, { onClose: async () => {} }) // the caller ends the pool itself
 */
export interface SqlStorageOptions {
  /**
   * What `close()` does after refusing new transactions.
   * @default () => db.destroy()
   */
  onClose?: () => Promise<void>
  /**
   * Where rate-limit counters live. `database` shares them between every process using the
   * database (Postgres); `memory` keeps them in this process, so counting a request costs no
   * durable write (SQLite, which one process writes).
   * @default 'database'
   */
  counters?: 'database' | 'memory'
}

/**
 * A storage over Kysely, with the instance it runs on.
 *
 * @example
 * const storage: SqlStorage = await openPostgres(url)
 * const rows = await storage.db.selectFrom('projects').select('stage').execute()
 */
export interface SqlStorage extends Storage {
  /** The Kysely instance, for migrations, backups and custom read models. */
  readonly db: Kysely<AtelierDatabase>
  readonly dialect: SqlDialect
}

/**
 * The Atelier storage port over a Kysely instance (SQLite through {@link NodeSqliteDialect}, or
 * Postgres through `pg`). The schema must be migrated (see {@link migrateToLatest}); the
 * adapter holds no domain logic. On Postgres each transaction sets its studio for row-level
 * security with a statement of its own; {@link openPostgres} sends it with the first query
 * instead. Duplicate inserts throw `conflict`; a taken audit sequence,
 * a Postgres serialization failure or deadlock, and a SQLite busy timeout throw
 * `write_conflict`, which the service retries.
 *
 * @example
 * const db = new Kysely<AtelierDatabase>({ dialect: new PostgresDialect({ pool }) })
 * await migrateToLatest(db)
 * const atelier = createAtelier({ storage: sqlStorage(db) })
 */
export function sqlStorage(
  db: Kysely<AtelierDatabase>,
  options: SqlStorageOptions = {},
): SqlStorage {
  const postgres = dialectOf(db) === 'postgres'
  return storageOver(db, options, async (readOnly, fn, snapshot, independent) => {
    // On Postgres a studio's setting lasts one transaction, so independent reads still take one.
    if (readOnly && independent && !postgres) return db.connection().execute(fn)
    // Reads see one snapshot (on Postgres, `REPEATABLE READ`: a read-only transaction there
    // never fails to serialise); writes run at the default `READ COMMITTED` with
    // compare-and-set updates, or at `REPEATABLE READ` when asked for a snapshot (a write that
    // then meets a row changed since fails to serialise, and the service retries it).
    const builder = readOnly
      ? db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only')
      : snapshot
        ? db.transaction().setIsolationLevel('repeatable read')
        : db.transaction()
    return builder.execute(postgres ? (trx) => fn(kyselyScope(trx)) : fn)
  })
}

/**
 * Runs `fn` in one transaction of the database, on whatever executes its queries. With
 * `readOnly` and `independent`, each statement may run on its own, outside BEGIN and COMMIT.
 * On Postgres a studio's statements must run through here (the scoped runner's `executeAs`
 * carries the studio for row-level security): run on `db` directly, they see no studio's rows.
 */
export type Transactions = <T>(
  readOnly: boolean,
  fn: (trx: Executes) => Promise<T>,
  snapshot?: boolean,
  independent?: boolean,
) => Promise<T>

const CLOSED = '@atelier/sql: the storage is closed'

/**
 * {@link sqlStorage} with its own way of running transactions (openSqlite runs them straight on
 * `node:sqlite`, Kysely compiling the queries).
 */
export function storageOver(
  db: Kysely<AtelierDatabase>,
  options: SqlStorageOptions,
  transactions: Transactions,
): SqlStorage {
  const dialect = dialectOf(db)
  const cache = new QueryCache(db)
  const counters = options.counters === 'memory' ? memoryCounters() : undefined
  let closed = false

  const transactionOf = (trx: Executes): StorageTransaction => {
    const studios = new Map<string, ScopedRepositories>()
    return {
      ...globalRepositories(runner(cache, trx, dialect)),
      ...(counters && { counters }),
      scoped(studioId) {
        let repos = studios.get(studioId)
        if (!repos) {
          repos = scopedRepositories(scopedRunner(cache, trx, dialect, studioId))
          studios.set(studioId, repos)
        }
        return repos
      },
    }
  }

  // Counting a request: in memory (what openSqlite chooses), or on Postgres in one statement
  // whose commit is not flushed (a crash may forget the last counts; limits are best effort),
  // else in a transaction of its own.
  const ownCounters: StorageTransaction['counters'] = counters ?? {
    hit: (key, windowStart) =>
      (dialect === 'postgres'
        ? countHit(runner(cache, db, dialect), key, windowStart, { unflushed: true })
        : transactions(false, (trx) => countHit(runner(cache, trx, dialect), key, windowStart))
      ).catch((error) => Promise.reject(translateError(error))),
    prune: (before) =>
      transactions(false, (trx) =>
        globalRepositories(runner(cache, trx, dialect)).counters.prune(before),
      ).catch((error) => Promise.reject(translateError(error))),
  }

  return {
    db,
    dialect,
    counters: ownCounters,
    // One statement, outside any transaction: `independent` (each statement on its own).
    async readClientView({ studioId, projectId, tokenId }) {
      if (closed) throw new Error(CLOSED)
      try {
        return await transactions(
          true,
          (trx) => readClientView(scopedRunner(cache, trx, dialect, studioId), projectId, tokenId),
          false,
          true,
        )
      } catch (error) {
        throw translateError(error)
      }
    },
    async transaction(fn, transactionOptions) {
      if (closed) throw new Error(CLOSED)
      try {
        return await transactions(
          !!transactionOptions?.readOnly,
          (trx) => fn(transactionOf(trx)),
          !!transactionOptions?.snapshot,
        )
      } catch (error) {
        throw translateError(error)
      }
    },
    async close() {
      if (closed) return
      closed = true
      await (options.onClose ? options.onClose() : db.destroy())
    },
  }
}
