import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import { dialectOf } from './dialect-of.js'

// Released migrations are frozen: never edit this file; add `0004_...` instead.

/** Every table whose rows belong to one studio, by its `studio_id`. */
const owned = [
  'clients',
  'api_keys',
  'client_tokens',
  'projects',
  'deliverables',
  'file_versions',
  'revision_rounds',
  'signoffs',
  'receipts',
  'share_grants',
  'portfolio_consents',
  'audit_events',
  'access_log',
  'idempotency',
  'project_views',
]

/**
 * The directories read before a studio is known (a token's or a receipt's studio, the list of
 * studios), by the column that names the studio: readable across studios, written only within
 * the studio they name.
 */
const directories = [
  ['studios', 'id'],
  ['lookups', 'studio_id'],
] as const

/**
 * The studio of the current transaction. When none is set it is NULL on a connection that has
 * never set it, and '' on one that set it in an earlier transaction (a `set_config(…, true)`
 * ends with its transaction but leaves the setting defined, empty); no row matches either.
 */
const current = sql`current_setting('atelier.studio_id', true)`

// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely
async function up(db: Kysely<any>): Promise<void> {
  // Row-level security is Postgres's; SQLite has one writer process and nothing to enforce.
  if (dialectOf(db) !== 'postgres') return
  // FORCE: the policies hold for the tables' owner too, so a server connected as the owner
  // (not a superuser) is still behind the wall.
  const protect = async (table: string) => {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db)
    await sql`alter table ${sql.table(table)} force row level security`.execute(db)
  }
  for (const table of owned) {
    await protect(table)
    await sql`create policy atelier_studio on ${sql.table(table)}
      using (studio_id = ${current}) with check (studio_id = ${current})`.execute(db)
  }
  for (const [table, column] of directories) {
    await protect(table)
    await sql`create policy atelier_read on ${sql.table(table)} for select using (true)`.execute(db)
    for (const command of ['insert', 'update', 'delete'] as const) {
      const check = sql`${sql.ref(column)} = ${current}`
      const clause =
        command === 'insert'
          ? sql`with check (${check})`
          : command === 'update'
            ? sql`using (${check}) with check (${check})`
            : sql`using (${check})`
      await sql`create policy ${sql.id(`atelier_${command}`)} on ${sql.table(table)}
        for ${sql.raw(command)} ${clause}`.execute(db)
    }
  }
}

/**
 * `0003_row_level_security` (Postgres only; nothing on SQLite): every studio-owned table admits
 * only the rows of the studio set for the transaction (`atelier.studio_id`), for reads and
 * writes alike, its owner included; `studios` and `lookups` are read across studios and written
 * only within the studio a row names. `counters` (rate limits, no studio) stays open.
 */
export const rowLevelSecurity: Migration = { up }
