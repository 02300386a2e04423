import type { SqlDialect } from '@atelier/sql'
import type { Kysely, Transaction } from 'kysely'
import { CliError } from '../cli-error.js'

// biome-ignore lint/suspicious/noExplicitAny: Better Auth's tables are not in Atelier's typed schema
type AnyDb = Kysely<any>
type Row = Record<string, unknown>

/**
 * The member accounts `atelier move` carries, parents first: people, their passwords, their
 * two-factor secrets. Sessions stay behind (everyone signs in again on the new database), and
 * so do verification values (reset links in flight).
 *
 * @example
 * for (const table of accountTables) console.log(table)
 */
export const accountTables = ['auth_user', 'auth_account', 'auth_two_factor'] as const

/** Columns Better Auth keeps as booleans (integers 0/1 on SQLite). */
const flags = new Set(['emailVerified', 'twoFactorEnabled', 'verified'])

/** Rows per `INSERT`: well under either database's limit on bound values. */
const BATCH = 200

/**
 * Every account row of `db`, by table, in id order.
 *
 * @example
 * const rows = await readAccounts(source.db)
 */
export async function readAccounts(db: AnyDb): Promise<Record<string, Row[]>> {
  const rows: Record<string, Row[]> = {}
  for (const table of accountTables) {
    rows[table] = await db.selectFrom(table).selectAll().orderBy('id').execute()
  }
  return rows
}

/**
 * A value as `dialect` stores it: Postgres's `Date` becomes SQLite's ISO-8601 text and its
 * booleans 0/1; SQLite's 0/1 becomes a boolean on Postgres (its ISO text a `timestamptz`).
 */
function stored(column: string, value: unknown, dialect: SqlDialect): unknown {
  if (value === null || value === undefined) return null
  if (dialect === 'sqlite') {
    if (value instanceof Date) return value.toISOString()
    if (typeof value === 'boolean') return value ? 1 : 0
    return value
  }
  if (flags.has(column) && typeof value === 'number') return value !== 0
  return value
}

/**
 * Writes `rows` (from {@link readAccounts}) into `trx`, a transaction of the target: refused
 * when the target has accounts already. Returns how many people moved.
 *
 * @example
 * await target.db.transaction().execute((trx) => writeAccounts(trx, 'postgres', rows, where))
 */
export async function writeAccounts(
  trx: Transaction<Record<string, Row>>,
  dialect: SqlDialect,
  rows: Record<string, Row[]>,
  where: string,
): Promise<number> {
  const [present] = await trx
    .selectFrom('auth_user')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .execute()
  if (Number(present?.n ?? 0) > 0) {
    throw new CliError(
      `${where} has member accounts already; move writes only into an empty database`,
      1,
    )
  }
  for (const table of accountTables) {
    const all = (rows[table] ?? []).map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, stored(k, v, dialect)])),
    )
    for (let i = 0; i < all.length; i += BATCH) {
      await trx
        .insertInto(table)
        .values(all.slice(i, i + BATCH))
        .execute()
    }
  }
  return rows.auth_user?.length ?? 0
}

/**
 * `trx` as a Kysely instance whose every `transaction()` runs in `trx` itself: so a storage
 * built over it (`sqlStorage`) writes its records in this one transaction, beside the account
 * rows written to `trx` directly, and one COMMIT (or ROLLBACK) covers both.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await sqlStorage(withinTransaction(trx)).transaction(async (tx) => tx.studios.insert(studio))
 * })
 */
export function withinTransaction<D>(trx: Transaction<D>): Kysely<D> {
  const builder = {
    setIsolationLevel: () => builder,
    setAccessMode: () => builder,
    execute: <R>(fn: (t: typeof trx) => Promise<R>) => fn(trx),
  }
  return new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => builder
      const value = Reflect.get(target, property, target)
      // Kysely's methods read private fields: they must run on the transaction itself.
      return typeof value === 'function' ? value.bind(target) : value
    },
  }) as unknown as Kysely<D>
}
