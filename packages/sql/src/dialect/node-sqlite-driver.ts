import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'
import type { Mutex } from './mutex.js'

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

type Cached = { statement: StatementSync; reader: boolean }

/**
 * One `node:sqlite` connection. Statements are prepared once and reused; a statement that
 * yields columns (a select, or a write with `returning`) runs with `all()`, others with `run()`.
 */
class NodeSqliteConnection implements DatabaseConnection {
  readonly #database: DatabaseSync
  readonly #cache = new Map<string, Cached>()
  readonly #cacheSize: number

  constructor(database: DatabaseSync, cacheSize: number) {
    this.#database = database
    this.#cacheSize = cacheSize
  }

  #prepare(sql: string): Cached {
    let cached = this.#cache.get(sql)
    if (cached) {
      // Least recently used goes first: a hit moves to the end.
      this.#cache.delete(sql)
    } else {
      const statement = this.#database.prepare(sql)
      cached = { statement, reader: statement.columns().length > 0 }
      if (this.#cache.size >= this.#cacheSize) {
        this.#cache.delete(this.#cache.keys().next().value as string)
      }
    }
    this.#cache.set(sql, cached)
    return cached
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { statement, reader } = this.#prepare(query.sql)
    const parameters = query.parameters.map(toSqlite)
    if (reader) {
      const rows = statement.all(...parameters) as R[]
      return query.query.kind === 'SelectQueryNode'
        ? { rows }
        : { rows, numAffectedRows: BigInt(rows.length) }
    }
    const { changes, lastInsertRowid } = statement.run(...parameters)
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) }
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { statement } = this.#prepare(query.sql)
    for (const row of statement.iterate(...query.parameters.map(toSqlite))) {
      yield { rows: [row as R] }
    }
  }
}

function toSqlite(value: unknown): SQLInputValue {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value === undefined) throw new TypeError('undefined cannot be bound to a SQLite parameter')
  return value as SQLInputValue
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
      this.#config.database,
      this.#config.statementCacheSize ?? 256,
    )
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.#release = await this.#config.lock.acquire()
    return this.#connection!
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const readOnly = settings.accessMode === 'read only'
    await connection.executeQuery(raw(readOnly ? 'begin' : 'begin immediate'))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(raw('commit'))
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
