import { type Kysely, PostgresAdapter, SqliteAdapter } from 'kysely'

/**
 * The two SQL dialects Atelier runs on.
 *
 * @example
 * const dialect: SqlDialect = storage.dialect
 */
export type SqlDialect = 'sqlite' | 'postgres'

/**
 * Which dialect a Kysely instance speaks, from its adapter. Throws for any other dialect.
 *
 * @example
 * if (dialectOf(db) === 'postgres') await sql`set local lock_timeout = '5s'`.execute(db)
 */
// biome-ignore lint/suspicious/noExplicitAny: works on any Kysely instance, typed or not
export function dialectOf(db: Kysely<any>): SqlDialect {
  const adapter = db.getExecutor().adapter
  if (adapter instanceof PostgresAdapter) return 'postgres'
  if (adapter instanceof SqliteAdapter) return 'sqlite'
  const name = adapter.constructor.name
  if (name === 'PostgresAdapter') return 'postgres'
  if (name === 'SqliteAdapter') return 'sqlite'
  throw new Error(`@atelier/sql supports SQLite and Postgres; this Kysely instance uses ${name}`)
}
