import { CompiledQuery, type Kysely } from 'kysely'
import type { Executes } from '../repositories/runner.js'
import { dialectOf } from '../schema/dialect-of.js'

/**
 * The setting Postgres's row-level security policies compare `studio_id` with. It is only ever
 * set for one transaction (`set_config(…, true)`), so a pooled connection never carries a
 * studio from one transaction into the next, and a transaction that set none sees no rows.
 */
export const STUDIO_SETTING = 'atelier.studio_id'

/**
 * The studio a statement runs in to list every studio (`studios.list()`): the `studios` policy
 * admits every row to it (migration `0005_studios_own_row`); no studio id and no other table's
 * row matches it.
 */
export const EVERY_STUDIO = '*'

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
 * `atelier.studio_id` for row-level security with {@link SET_STUDIO}; nothing on SQLite). For
 * your own queries through `storage.db`: on Postgres a studio's rows are visible only inside
 * that studio. Throws unless `trx` is a transaction, on every dialect: outside one, Postgres
 * would drop the setting as soon as the statement ended.
 *
 * @example
 * const stages = await storage.db.transaction().execute(async (trx) => {
 *   await enterStudio(trx, studioId)
 *   return trx.selectFrom('projects').select('stage').where('studio_id', '=', studioId).execute()
 * })
 */
// biome-ignore lint/suspicious/noExplicitAny: any Kysely transaction over Atelier's tables
export async function enterStudio(trx: Kysely<any>, studioId: string): Promise<void> {
  if (!trx.isTransaction) {
    throw new Error(
      '@atelier/sql: enterStudio needs a transaction; call it inside db.transaction().execute((trx) => ...)',
    )
  }
  if (dialectOf(trx) === 'postgres') {
    await trx.executeQuery(CompiledQuery.raw(SET_STUDIO, [studioId]))
  }
}
