import type { Kysely } from 'kysely'
import type { AtelierDatabase } from './schema/database.js'
import { dialectOf } from './schema/dialect-of.js'

/**
 * The tables that hold an installation's member accounts, parents first: people
 * (`auth_user`), their credentials (`auth_account`, passwords included) and their two-factor
 * secrets (`auth_two_factor`). Sessions and verification values (reset links in flight) are
 * not accounts: they belong to one database and stay behind.
 *
 * @example
 * for (const table of accountTables) console.log(table) // 'auth_user', 'auth_account', 'auth_two_factor'
 */
export const accountTables = ['auth_user', 'auth_account', 'auth_two_factor'] as const

/**
 * One of {@link accountTables}.
 *
 * @example
 * const table: AccountTable = 'auth_user'
 */
export type AccountTable = (typeof accountTables)[number]

/** A column's value whatever the dialect: an instant a `Date`, a flag a boolean. */
type Neutral<V> = Date extends V ? Exclude<V, string> : boolean extends V ? Exclude<V, number> : V

/**
 * A row of an account table in one form on either dialect: instants are `Date`s (SQLite keeps
 * ISO-8601 text, Postgres `timestamptz`) and flags booleans (SQLite keeps 0/1).
 *
 * @example
 * const user: AccountRow<'auth_user'> = { id: 'u1', name: 'Wang', email: 'w@studio.example', emailVerified: true, image: null, createdAt: new Date(), updatedAt: new Date(), twoFactorEnabled: false }
 */
export type AccountRow<T extends AccountTable> = {
  [K in keyof AtelierDatabase[T]]: Neutral<AtelierDatabase[T][K]>
}

/**
 * Every account of a database, by table ({@link readAccounts}), ready to write into another
 * ({@link writeAccounts}) of either dialect.
 *
 * @example
 * const none: AccountRows = { auth_user: [], auth_account: [], auth_two_factor: [] }
 */
export type AccountRows = { [T in AccountTable]: AccountRow<T>[] }

/**
 * An account as {@link findAccount} finds it: who it is, and whether it has a password (a
 * `credential` with one) in this database.
 *
 * @example
 * const account: AccountSummary = { id: 'u1', name: 'Wang', email: 'w@studio.example', hasPassword: false }
 */
export interface AccountSummary {
  id: string
  name: string
  email: string
  hasPassword: boolean
}

/** Columns that hold instants, and flags, in the account tables. */
const instants = new Set([
  'createdAt',
  'updatedAt',
  'accessTokenExpiresAt',
  'refreshTokenExpiresAt',
  'lockedUntil',
])
const flags = new Set(['emailVerified', 'twoFactorEnabled', 'verified'])

/** Rows per `INSERT`: well under either database's limit on bound values. */
const BATCH = 200

type Untyped = Kysely<Record<string, Record<string, unknown>>>
type Row = Record<string, unknown>

/** `row` as read from either dialect, in the form of {@link AccountRow}. */
function neutral(row: Row): Row {
  const out: Row = {}
  for (const [column, value] of Object.entries(row)) {
    if (value === null || value === undefined) out[column] = null
    else if (instants.has(column) && typeof value === 'string') out[column] = new Date(value)
    else if (flags.has(column) && typeof value === 'number') out[column] = value !== 0
    else out[column] = value
  }
  return out
}

/** `row` as `sqlite` stores it (ISO text, 0/1); Postgres takes `Date`s and booleans as they are. */
function stored(row: Row, sqlite: boolean): Row {
  const out: Row = {}
  for (const [column, value] of Object.entries(row)) {
    if (value === null || value === undefined) out[column] = null
    else if (sqlite && value instanceof Date) out[column] = value.toISOString()
    else if (sqlite && typeof value === 'boolean') out[column] = value ? 1 : 0
    else out[column] = value
  }
  return out
}

/**
 * Every account row of `db` (a Kysely instance or transaction of either dialect), by table,
 * in id order, each in the dialect-neutral form of {@link AccountRow}.
 *
 * @example
 * const rows = await readAccounts(source.db)
 * console.log(`${rows.auth_user.length} people`)
 */
export async function readAccounts(db: Kysely<AtelierDatabase>): Promise<AccountRows> {
  const rows: Record<string, Row[]> = {}
  for (const table of accountTables) {
    const read = await (db as unknown as Untyped)
      .selectFrom(table)
      .selectAll()
      .orderBy('id')
      .execute()
    rows[table] = read.map(neutral)
  }
  return rows as AccountRows
}

/**
 * Writes `rows` (from {@link readAccounts}, of either dialect) into `db`, usually a
 * transaction of the target, converting each value to the target's dialect and keeping every
 * id. The target must not have these accounts: a taken id or address fails on its key, so run
 * it in a transaction with a check of {@link countAccounts} first. Resolves to how many people
 * were written.
 *
 * @example
 * const rows = await readAccounts(source.db)
 * await target.db.transaction().execute(async (trx) => {
 *   if ((await countAccounts(trx)) > 0) throw new Error('the target has accounts already')
 *   await writeAccounts(trx, rows)
 * })
 */
export async function writeAccounts(
  db: Kysely<AtelierDatabase>,
  rows: AccountRows,
): Promise<number> {
  const sqlite = dialectOf(db) === 'sqlite'
  for (const table of accountTables) {
    const all = (rows[table] as Row[]).map((row) => stored(row, sqlite))
    for (let i = 0; i < all.length; i += BATCH) {
      await (db as unknown as Untyped)
        .insertInto(table)
        .values(all.slice(i, i + BATCH))
        .execute()
    }
  }
  return rows.auth_user.length
}

/**
 * How many accounts (people, `auth_user` rows) `db` has.
 *
 * @example
 * if ((await countAccounts(trx)) > 0) throw new Error('move writes only into an empty database')
 */
export async function countAccounts(db: Kysely<AtelierDatabase>): Promise<number> {
  const row = await db
    .selectFrom('auth_user')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/**
 * The account of `db` with this id, or with this address (compared as Better Auth keeps
 * addresses: trimmed, in lower case); undefined when there is none.
 *
 * @example
 * const mine = await findAccount(trx, { id: member.userId })
 * const theirs = await findAccount(trx, { email: 'Wang@Studio.example' })
 * if (theirs && !theirs.hasPassword) console.log('they set one through a reset link')
 */
export async function findAccount(
  db: Kysely<AtelierDatabase>,
  by: { id: string } | { email: string },
): Promise<AccountSummary | undefined> {
  const user = await db
    .selectFrom('auth_user')
    .select(['id', 'name', 'email'])
    .where((eb) =>
      'id' in by ? eb('id', '=', by.id) : eb('email', '=', by.email.trim().toLowerCase()),
    )
    .executeTakeFirst()
  if (!user) return undefined
  const credential = await db
    .selectFrom('auth_account')
    .select('id')
    .where('userId', '=', user.id)
    .where('providerId', '=', 'credential')
    .where('password', 'is not', null)
    .executeTakeFirst()
  return { ...user, hasPassword: !!credential }
}

/**
 * Makes an account without a password in `db` (an `auth_user` row only, its address verified
 * and in lower case, two-factor off), made at `now`: its owner sets a password through a
 * password-reset link. A taken id or address fails on its key.
 *
 * @example
 * await createAccountWithoutPassword(trx, { id: 'u1', name: 'Wang', email: 'wang@studio.example' })
 */
export async function createAccountWithoutPassword(
  db: Kysely<AtelierDatabase>,
  account: { id: string; name: string; email: string },
  now: Date = new Date(),
): Promise<AccountSummary> {
  const email = account.email.trim().toLowerCase()
  const user: AccountRow<'auth_user'> = {
    id: account.id,
    name: account.name,
    email,
    emailVerified: true,
    image: null,
    createdAt: now,
    updatedAt: now,
    twoFactorEnabled: false,
  }
  await db
    .insertInto('auth_user')
    .values(stored(user, dialectOf(db) === 'sqlite') as never)
    .execute()
  return { id: account.id, name: account.name, email, hasPassword: false }
}
