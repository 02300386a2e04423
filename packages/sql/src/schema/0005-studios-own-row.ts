import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import { dialectOf } from './dialect-of.js'

// Released migrations are frozen: never edit this file; add `0006_...` instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely
async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return
  // A studio's row holds its private signing key: a statement reads the row of the studio it
  // runs in, or every row when it says it lists them (studio '*', `EVERY_STUDIO`, which no
  // studio id and no other table's row matches), never every row by forgetting its filter.
  const current = sql`current_setting('atelier.studio_id', true)`
  await sql`drop policy atelier_read on studios`.execute(db)
  await sql`create policy atelier_read on studios for select
    using (id = ${current} or ${current} = '*')`.execute(db)
}

/**
 * `0005_studios_own_row` (Postgres only): `studios` is read like the studio-owned tables, the
 * row of the transaction's studio only, except by a statement that lists every studio.
 */
export const studiosOwnRow: Migration = { up }
