import { CompiledQuery, type Kysely, sql } from 'kysely'
import type { Executes } from '../repositories/runner.js'
import { dialectOf } from '../schema/dialect-of.js'

/**
 * The setting Postgres's row-level security policies compare `studio_id` with. It is only ever
 * set for one transaction (`set_config(…, true)`), so a pooled connection never carries a
 * studio from one transaction into the next, and a transaction that set none sees no rows.
 */
export const STUDIO_SETTING = 'atelier.studio_id'

/** The statement that sets the studio of the current transaction, bound to `$1`. */
export const SET_STUDIO = `select set_config('${STUDIO_SETTING}', $1, true)`

/**
 * `trx` (a Kysely transaction on Postgres) with `executeAs`: the first statement of a studio,
 * and the first after a switch to another, is preceded by {@link SET_STUDIO}, one statement
 * more per transaction. `openPostgres` avoids it by sending the setting in the same round trip
 * (see `postgres-transactions.ts`); this is for {@link sqlStorage} over a Kysely instance of
 * your own.
 *
 * @example
 * await db.transaction().execute((trx) => fn(kyselyScope(trx)))
 */
export function kyselyScope(trx: Executes): Executes {
  let scope: string | undefined
  return {
    executeQuery: (query) => trx.executeQuery(query),
    async executeAs(studioId, query) {
      // Set before the first await: a statement queued behind this one on the same connection
      // (a `Promise.all` of reads) then runs after the setting.
      const set = scope !== studioId
      scope = studioId
      if (set) await trx.executeQuery(CompiledQuery.raw(SET_STUDIO, [studioId]))
      return trx.executeQuery(query)
    },
  }
}

/**
 * Enters studio `studioId` for the rest of the transaction `trx` runs (Postgres: sets
 * `atelier.studio_id` for row-level security; nothing on SQLite). For your own queries through
 * `storage.db`: on Postgres a studio's rows are visible only inside that studio.
 *
 * @example
 * const stages = await storage.db.transaction().execute(async (trx) => {
 *   await enterStudio(trx, studioId)
 *   return trx.selectFrom('projects').select('stage').where('studio_id', '=', studioId).execute()
 * })
 */
// biome-ignore lint/suspicious/noExplicitAny: any Kysely transaction over Atelier's tables
export async function enterStudio(trx: Kysely<any>, studioId: string): Promise<void> {
  if (dialectOf(trx) === 'postgres') {
    await sql`select set_config(${STUDIO_SETTING}, ${studioId}, true)`.execute(trx)
  }
}
