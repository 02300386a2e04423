import type { DatabaseSync } from 'node:sqlite'
import {
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely'
import { NodeSqliteDriver } from './node-sqlite-driver.js'
import { writerLock } from './writer-lock.js'

/**
 * Configuration of {@link NodeSqliteDialect}.
 *
 * @example
 * const config: NodeSqliteDialectConfig = { database: new DatabaseSync('atelier.db') }
 */
export interface NodeSqliteDialectConfig {
  /** An open `node:sqlite` database. Kysely's `destroy()` closes it. */
  database: DatabaseSync
  /**
   * Prepared statements kept, by SQL text.
   * @default 256
   */
  statementCacheSize?: number
}

/**
 * A Kysely dialect for Node's built-in `node:sqlite` (Kysely ships one for better-sqlite3
 * only). It reuses Kysely's SQLite adapter, query compiler and introspector. Connections to
 * the same file in one process take turns under one lock.
 *
 * @example
 * import { DatabaseSync } from 'node:sqlite'
 * import { Kysely } from 'kysely'
 * const db = new Kysely<AtelierDatabase>({
 *   dialect: new NodeSqliteDialect({ database: new DatabaseSync('atelier.db') }),
 * })
 */
export class NodeSqliteDialect implements Dialect {
  readonly #config: NodeSqliteDialectConfig

  constructor(config: NodeSqliteDialectConfig) {
    this.#config = config
  }

  createDriver(): Driver {
    return new NodeSqliteDriver({
      database: this.#config.database,
      lock: writerLock(this.#config.database),
      ...(this.#config.statementCacheSize && {
        statementCacheSize: this.#config.statementCacheSize,
      }),
    })
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler()
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter()
  }

  // biome-ignore lint/suspicious/noExplicitAny: Kysely's Dialect interface takes Kysely<any>
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db)
  }
}
