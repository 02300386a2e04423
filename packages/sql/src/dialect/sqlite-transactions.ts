import type { DatabaseSync } from 'node:sqlite'
import type { CompiledQuery, QueryResult } from 'kysely'
import type { Mutex } from './mutex.js'
import { Statements, writes } from './statements.js'
import type { WalSync } from './wal-sync.js'

/** Runs compiled queries inside the transaction it was given to. */
export interface DirectExecutor {
  executeQuery<R>(query: CompiledQuery<R>): QueryResult<R>
}

/**
 * Runs `fn` in one transaction and resolves with its result once committed (and durable). With
 * `readOnly` and `independent`, on a database with a `reader`, each statement runs on its own
 * on that connection, with no lock and no BEGIN.
 */
export type Transact = <T>(
  readOnly: boolean,
  fn: (db: DirectExecutor) => Promise<T>,
  snapshot?: boolean,
  independent?: boolean,
) => Promise<T>

/**
 * Transactions straight on a `node:sqlite` database, for the storage's own repositories: the
 * file's process-wide lock (the same one the Kysely driver takes), `BEGIN IMMEDIATE` for writes
 * and a deferred `BEGIN` for reads, statements run synchronously from a cache of prepared
 * ones. Kysely still compiles every query; it just does not run them one promise chain at a
 * time. With `wal` (group commit), a write resolves once a log `fsync` covers its commit,
 * and a read resolves once everything it could have seen is on disk, so no caller ever acts on
 * a commit a power cut could take back.
 *
 * @example
 * const transact = sqliteTransactions(database, writerLock(database))
 * const rows = await transact(true, async (db) => db.executeQuery(query).rows)
 */
export function sqliteTransactions(
  database: DatabaseSync,
  lock: Mutex,
  options: { wal?: WalSync; statementCacheSize?: number; reader?: DatabaseSync } = {},
): Transact {
  const statements = new Statements(database, options.statementCacheSize ?? 256)
  const reader = options.reader && new Statements(options.reader, 32)
  const alone: DirectExecutor | undefined = reader && { executeQuery: (q) => reader.execute(q) }
  let dirty = false
  const executor: DirectExecutor = {
    executeQuery(query) {
      if (!dirty && writes(query)) dirty = true
      return statements.execute(query)
    },
  }
  const { wal } = options
  return async (readOnly, fn, _snapshot, independent) => {
    if (alone && readOnly && independent) {
      // Another connection: it sees every commit, never this one's open transaction. Answer
      // once everything it could have seen is durable.
      const value = await fn(alone)
      await wal?.durable(wal.latest)
      return value
    }
    const release = await lock.acquire()
    let outcome: { value: Awaited<ReturnType<typeof fn>> } | { error: unknown }
    // Everything this transaction can see: commits up to `mark` (no other commit in this
    // process can happen while it holds the lock).
    let mark = wal?.latest ?? 0
    try {
      statements.run(readOnly ? 'begin' : 'begin immediate')
      dirty = false
      try {
        const value = await fn(executor)
        statements.run('commit')
        // A write transaction that changed nothing (a rate-limit count kept in memory) has
        // nothing to sync.
        if (wal && dirty) mark = wal.committed()
        outcome = { value }
      } catch (error) {
        // A failed COMMIT (a deferred foreign key) leaves the transaction open.
        if (database.isTransaction) statements.run('rollback')
        outcome = { error }
      }
    } finally {
      release()
    }
    // Even a refusal may tell what it saw ("version 5, not 4"): answer once that is durable.
    await wal?.durable(mark)
    if ('error' in outcome) throw outcome.error
    return outcome.value
  }
}
