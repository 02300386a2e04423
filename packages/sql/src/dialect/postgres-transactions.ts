import type { CompiledQuery, QueryResult } from 'kysely'
import type pg from 'pg'
import type { Executes } from '../repositories/runner.js'
import type { Transactions } from '../sql-storage.js'
import { SET_STUDIO } from './postgres-scope.js'

type Row = Record<string, unknown>
type Callback = (error: Error | null, result?: pg.QueryResult | pg.QueryResult[]) => void
/** What pg's `Query#prepare` writes to (its extended-protocol messages). */
interface Wire {
  parse(message: { text: string; name?: string; types?: unknown[] }): void
  bind(message: { portal?: string; statement?: string; values?: unknown[] }): void
  describe(message: { type: 'P' | 'S'; name?: string }): void
  execute(message: { portal?: string; rows?: number }): void
}

/**
 * pg's `Query`, sending {@link SET_STUDIO} with the studio bound before the query itself, in
 * one round trip and before one Sync: both run in the same transaction (the caller's, or the
 * implicit one the extended protocol gives the statements up to a Sync), so the setting holds
 * for the query and ends with the transaction. The query's values stay bound parameters.
 */
function studioQueryClass(Query: typeof pg.Query) {
  const Base = Query as unknown as new (
    config: pg.QueryConfig & { queryMode?: 'extended' },
    values: undefined,
    callback: Callback,
  ) => { prepare(wire: Wire): void }
  return class StudioQuery extends Base {
    readonly studioId: string
    constructor(studioId: string, query: CompiledQuery, callback: Callback) {
      super(
        { text: query.sql, values: [...query.parameters], queryMode: 'extended' },
        undefined,
        callback,
      )
      this.studioId = studioId
    }
    override prepare(wire: Wire): void {
      wire.parse({ text: SET_STUDIO, name: '', types: [] })
      wire.bind({ portal: '', statement: '', values: [this.studioId] })
      wire.describe({ type: 'P', name: '' })
      wire.execute({ portal: '', rows: 0 })
      super.prepare(wire)
    }
  }
}

const COUNTED = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE'])

/** A pg result in Kysely's shape (as Kysely's own Postgres driver returns it). */
function resultOf(result: pg.QueryResult): QueryResult<Row> {
  return {
    rows: result.rows ?? [],
    ...(COUNTED.has(result.command) && { numAffectedRows: BigInt(result.rowCount ?? 0) }),
  }
}

/**
 * What a transaction's statements run on: one pooled client, one statement at a time in the
 * order they were asked for (concurrent reads of a transaction queue here rather than in pg,
 * which is deprecating its own queue). `executeAs` sends the studio with the statement unless
 * the transaction already runs in that studio (`inTransaction`: the setting lasts until
 * COMMIT); outside a transaction every statement carries its own.
 */
function executor(
  client: pg.PoolClient,
  StudioQuery: ReturnType<typeof studioQueryClass>,
  inTransaction: boolean,
): Executes & { drained(): Promise<void> } {
  let scope: string | undefined
  let last: Promise<unknown> = Promise.resolve()
  const inTurn = <T>(send: () => Promise<T>): Promise<T> => {
    const turn = last.then(send, send)
    last = turn.catch(() => undefined)
    return turn
  }
  const plain = (query: CompiledQuery) =>
    inTurn(() => client.query(query.sql, [...query.parameters]))
  const withStudio = (studioId: string, query: CompiledQuery) =>
    inTurn(
      () =>
        new Promise<pg.QueryResult | pg.QueryResult[]>((resolve, reject) => {
          client.query(
            new StudioQuery(studioId, query, (error, result) =>
              error ? reject(error) : resolve(result!),
            ) as unknown as pg.QueryConfig,
          )
        }),
    )
  return {
    async executeQuery<R>(query: CompiledQuery<R>) {
      return resultOf(await plain(query)) as QueryResult<R>
    },
    async executeAs<R>(studioId: string, query: CompiledQuery<R>) {
      if (inTransaction && scope === studioId) return this.executeQuery(query)
      // Noted when asked: the statements asked for after this one are sent after it.
      if (inTransaction) scope = studioId
      const results = await withStudio(studioId, query)
      const result = Array.isArray(results) ? results[results.length - 1]! : results
      return resultOf(result) as QueryResult<R>
    },
    /**
     * Settles once every statement asked for so far has (failed or not), including any asked
     * for while waiting: ROLLBACK, COMMIT and the client's release wait for it, so a read the
     * caller started and stopped awaiting never runs outside the transaction or on the next
     * lease of the client.
     */
    async drained() {
      let seen: Promise<unknown>
      do {
        seen = last
        await seen
      } while (seen !== last)
    },
  }
}

/**
 * Transactions of {@link openPostgres} on pooled pg clients, with the studio of every scoped
 * statement set for Postgres's row-level security at no extra round trip: `BEGIN`, statements,
 * `COMMIT` as before, the first statement in a studio carrying the setting. Read-only
 * `independent` reads run without BEGIN and COMMIT, each statement carrying its studio.
 * `prepare` runs once per new client (the `search_path`).
 *
 * @example
 * const transactions = postgresTransactions((await import('pg')).default.Query, pool)
 */
export function postgresTransactions(
  Query: typeof pg.Query,
  pool: pg.Pool,
  prepare?: (client: pg.PoolClient) => Promise<void>,
): Transactions {
  const StudioQuery = studioQueryClass(Query)
  const prepared = new WeakSet<pg.PoolClient>()
  return async (readOnly, fn, snapshot, independent) => {
    const client = await pool.connect()
    // A client whose ROLLBACK failed is in an unknown state: the pool closes it. (The pool also
    // drops a client that lost its connection.)
    let spoilt: Error | undefined
    let leased: ReturnType<typeof executor> | undefined
    try {
      if (prepare && !prepared.has(client)) {
        await prepare(client)
        prepared.add(client)
      }
      if (readOnly && independent) {
        leased = executor(client, StudioQuery, false)
        return await fn(leased)
      }
      await client.query(
        readOnly
          ? 'start transaction isolation level repeatable read read only'
          : snapshot
            ? 'start transaction isolation level repeatable read'
            : 'begin',
      )
      const inside = executor(client, StudioQuery, true)
      leased = inside
      const value = await fn(inside).catch(async (error) => {
        await inside.drained()
        await client.query('rollback').catch((failure: Error) => {
          spoilt = failure
        })
        throw error
      })
      await inside.drained()
      // COMMIT answers ROLLBACK when a statement failed and the transaction was aborted.
      const { command } = await client.query('commit')
      if (command === 'ROLLBACK') throw new Error('@atelier/sql: the transaction was aborted')
      return value
    } finally {
      await leased?.drained()
      client.release(spoilt)
    }
  }
}
