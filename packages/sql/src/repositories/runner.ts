import type { CompiledQuery, QueryResult } from 'kysely'
import type { SqlDialect } from '../schema/dialect-of.js'
import { type Build, bind, type QueryCache, type Values } from './prepared.js'

type Row = Record<string, unknown>

/** What runs a compiled query: a Kysely transaction, or SQLite's direct executor (at once). */
export interface Executes {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> | QueryResult<R>
  /**
   * Runs `query` inside studio `studioId`: on Postgres, with `atelier.studio_id` set for the
   * row-level security policies (see `postgres-scope.ts`). Absent where nothing enforces a
   * scope (SQLite): then `executeQuery` runs it.
   */
  executeAs?<R>(studioId: string, query: CompiledQuery<R>): Promise<QueryResult<R>>
}

/** Runs cached queries in one transaction. */
export interface Runner {
  readonly dialect: SqlDialect
  /** The rows the query `key` returns with these values. */
  rows(key: string, build: Build, values?: Values): Promise<Row[]>
  /** How many rows the statement `key` inserted, updated or deleted. */
  changed(key: string, build: Build, values?: Values): Promise<number>
  /**
   * This runner, its statements run inside studio `studioId` (see {@link Executes.executeAs}):
   * for the global tables' rows that name a studio, written only within it.
   */
  within(studioId: string): Runner
}

/** A runner bound to one studio. */
export interface ScopedRunner extends Runner {
  readonly studioId: string
}

type Execute = (
  key: string,
  build: Build,
  values: Values,
) => Promise<QueryResult<Row>> | QueryResult<Row>

type Run = Omit<Runner, 'within'>

function from(dialect: SqlDialect, execute: Execute): Run {
  return {
    dialect,
    rows: async (key, build, values = {}) => (await execute(key, build, values)).rows,
    changed: async (key, build, values = {}) =>
      Number((await execute(key, build, values)).numAffectedRows ?? 0n),
  }
}

/** Runs `query` inside studio `studioId` where `trx` enforces a scope, else as it is. */
const runAs = (trx: Executes, studioId: string, query: CompiledQuery<Row>) =>
  trx.executeAs ? trx.executeAs(studioId, query) : trx.executeQuery(query)

/**
 * A runner over a Kysely transaction, compiling through `cache`. For the global tables.
 *
 * @example
 * const rows = await runner(cache, trx, 'sqlite').rows('studios.list', (db) =>
 *   db.selectFrom('studios').selectAll().orderBy('id'),
 * )
 */
export function runner(cache: QueryCache, trx: Executes, dialect: SqlDialect): Runner {
  return {
    ...from(dialect, (key, build, values) =>
      trx.executeQuery<Row>(bind(cache.get(key, build), values)),
    ),
    within: (studioId) => ({
      ...from(dialect, (key, build, values) =>
        runAs(trx, studioId, bind(cache.get(key, build), values)),
      ),
      within: (other) => runner(cache, trx, dialect).within(other),
    }),
  }
}

/**
 * The runner of one studio. A query run through it compiles only if it filters on the
 * `studio_id` placeholder, which the runner always fills with the studio's id: there is no way
 * to reach a studio-owned table without the scope. On Postgres each statement also runs inside
 * the studio (row-level security), a second wall behind that filter.
 *
 * @example
 * const r = scopedRunner(cache, trx, 'postgres', studioId)
 * await r.rows('clients.get', (db) =>
 *   db.selectFrom('clients').selectAll()
 *     .where('studio_id', '=', param('studio_id')).where('id', '=', param('id')),
 *   { id },
 * )
 */
export function scopedRunner(
  cache: QueryCache,
  trx: Executes,
  dialect: SqlDialect,
  studioId: string,
): ScopedRunner {
  const run = from(dialect, (key, build, values) =>
    runAs(
      trx,
      studioId,
      bind(cache.get(`scoped:${key}`, build, 'studio_id'), { ...values, studio_id: studioId }),
    ),
  )
  return { ...run, studioId, within: (other) => runner(cache, trx, dialect).within(other) }
}
