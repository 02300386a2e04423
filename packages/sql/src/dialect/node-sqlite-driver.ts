import type { DatabaseSync } from 'node:sqlite'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'
import type { Mutex } from './mutex.js'
import { Statements, writes } from './statements.js'
import { walSyncOf } from './wal-sync.js'

/** How the driver reaches its database. */
export interface NodeSqliteDriverConfig {
  /** An open `node:sqlite` database; the driver closes it on `destroy()`. */
  database: DatabaseSync
  /** Held while a connection is leased, shared by every handle on the same file in a process. */
  lock: Mutex
  /**
   * Prepared statements kept per connection, by SQL text.
   * @default 256
   */
  statementCacheSize?: number
}

/** One `node:sqlite` connection, over the database's prepared {@link Statements}. */
class NodeSqliteConnection implements DatabaseConnection {
  readonly #statements: Statements
  readonly #database: DatabaseSync
  /**
   * Group commit: the newest commit this lease saw or made, which must be on disk before the
   * lease's caller hears back.
   */
  mark = 0
  /** A statement that may write ran since the transaction began. */
  dirty = false

  constructor(statements: Statements, database: DatabaseSync) {
    this.#statements = statements
    this.#database = database
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = this.#statements.execute<R>(query)
    const wal = walSyncOf(this.#database)
    if (wal && writes(query)) {
      // A write outside a transaction committed on its own.
      if (this.#database.isTransaction) this.dirty = true
      else this.mark = wal.committed()
    }
    return result
  }

  /**
   * Runs COMMIT and, for group commit, records it in the same synchronous step: a read on
   * another connection between the two would see the commit before anyone waits for its
   * `fsync`.
   */
  commit(): void {
    this.#statements.run('commit')
    const wal = walSyncOf(this.#database)
    if (wal && this.dirty) this.mark = wal.committed()
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    for (const row of this.#statements.iterate<R>(query)) yield { rows: [row] }
  }
}

/**
 * The Kysely driver for `node:sqlite`: one connection, leased under a process-wide lock per
 * file, so a write transaction never waits on SQLite's busy handler inside this process.
 * Write transactions start with `BEGIN IMMEDIATE` (the write lock up front, so they never fail
 * half-way on an upgrade); read-only ones with a deferred `BEGIN` (a snapshot). Read-only is
 * not enforced here: toggling `query_only` per transaction expires every cached statement.
 */
export class NodeSqliteDriver implements Driver {
  readonly #config: NodeSqliteDriverConfig
  #connection: NodeSqliteConnection | undefined
  #release: (() => void) | undefined

  constructor(config: NodeSqliteDriverConfig) {
    this.#config = config
  }

  async init(): Promise<void> {
    this.#connection = new NodeSqliteConnection(
      new Statements(this.#config.database, this.#config.statementCacheSize ?? 256),
      this.#config.database,
    )
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.#release = await this.#config.lock.acquire()
    this.#connection!.mark = walSyncOf(this.#config.database)?.latest ?? 0
    return this.#connection!
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const readOnly = settings.accessMode === 'read only'
    await connection.executeQuery(raw(readOnly ? 'begin' : 'begin immediate'))
    ;(connection as NodeSqliteConnection).dirty = false
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    ;(connection as NodeSqliteConnection).commit()
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // A failed COMMIT (a deferred foreign key) leaves the transaction open; some errors end it.
    if (this.#config.database.isTransaction) await connection.executeQuery(raw('rollback'))
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(raw(`savepoint ${identifier(name)}`))
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(raw(`rollback to ${identifier(name)}`))
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(raw(`release ${identifier(name)}`))
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release
    this.#release = undefined
    release?.()
    // Group commit: answer once what this lease saw or wrote is on disk.
    await walSyncOf(this.#config.database)?.durable(this.#connection?.mark ?? 0)
  }

  async destroy(): Promise<void> {
    // Waits for the transaction in flight, if any, to end.
    const release = await this.#config.lock.acquire()
    try {
      if (this.#config.database.isOpen) this.#config.database.close()
    } finally {
      release()
    }
  }
}

const raw = (sql: string) => CompiledQuery.raw(sql)

function identifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid savepoint name ${name}`)
  return name
}
