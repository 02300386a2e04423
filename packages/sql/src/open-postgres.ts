import { CompiledQuery, Kysely, PostgresDialect } from 'kysely'
import type pg from 'pg'
import { postgresTransactions } from './dialect/postgres-transactions.js'
import type { AtelierDatabase } from './schema/database.js'
import { migrateToLatest } from './schema/migrations.js'
import { type SqlStorage, storageOver } from './sql-storage.js'

/**
 * Options of {@link openPostgres}.
 *
 * @example
 * await openPostgres(url, { schema: 'atelier', max: 20 })
 */
export interface PostgresOptions {
  /**
   * The schema Atelier's tables live in; created if missing and put first on each connection's
   * `search_path`. Unset, the server's `search_path` decides (usually `public`).
   * @default undefined
   */
  schema?: string
  /**
   * Connections in the pool, when given a URL.
   * @default 10
   */
  max?: number
  /**
   * Run {@link migrateToLatest} before returning.
   * @default true
   */
  migrate?: boolean
}

const defaults = { max: 10, migrate: true } as const

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`

/**
 * Connects to Postgres and returns a ready, migrated storage. Given a URL it owns its pool and
 * `close()` ends it; given a `pg.Pool` it leaves the pool to its owner. Write transactions run
 * at `READ COMMITTED`, read-only ones at `REPEATABLE READ` (one snapshot); updates are
 * compare-and-set on `version`, so several server processes can share one database. Every
 * statement in a studio runs with that studio set for row-level security (`atelier.studio_id`
 * for the transaction), sent in the same round trip as the statement.
 *
 * @example
 * const storage = await openPostgres(process.env.DATABASE_URL!)
 * const atelier = createAtelier({ storage })
 */
export async function openPostgres(
  connection: string | pg.Pool,
  options: PostgresOptions = {},
): Promise<SqlStorage> {
  const opts = { ...defaults, ...options }
  const owned = typeof connection === 'string'
  // Loaded on first use, so SQLite users do not pay for pg at start-up.
  const { default: pgModule } = await import('pg')
  const pool = owned
    ? new pgModule.Pool({ connectionString: connection, max: opts.max })
    : connection
  // An idle client losing its connection (a server restart) must not crash the process; the
  // pool replaces it and the next query reports any lasting failure.
  if (owned) pool.on('error', () => undefined)
  const { schema } = opts
  const db = new Kysely<AtelierDatabase>({
    dialect: new PostgresDialect({
      pool,
      ...(schema && {
        onCreateConnection: async (c) => {
          await c.executeQuery(CompiledQuery.raw(`set search_path to ${quoted(schema)}`))
        },
      }),
    }),
  })
  const close = async () => {
    if (owned) await db.destroy()
  }
  try {
    if (schema) await createSchema(pool, schema)
    if (opts.migrate) await migrateToLatest(db)
  } catch (error) {
    await close()
    throw error
  }
  const searchPath = schema
    ? async (client: pg.PoolClient) => {
        await client.query(`set search_path to ${quoted(schema)}`)
      }
    : undefined
  return storageOver(db, { onClose: close }, postgresTransactions(pgModule.Query, pool, searchPath))
}

async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  // A role that may not create schemas (the server's, under row-level security) finds it made.
  const { rowCount } = await pool.query('select 1 from pg_namespace where nspname = $1', [schema])
  if (rowCount) return
  try {
    await pool.query(`create schema if not exists ${quoted(schema)}`)
  } catch (error) {
    // Two processes creating it at once: the loser sees a duplicate, and the schema exists.
    if ((error as { code?: string }).code !== '23505') throw error
  }
}
