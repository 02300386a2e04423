import { AtelierError } from '@atelier/core'
import { type Compilable, type CompiledQuery, type Kysely, type RawBuilder, sql } from 'kysely'
import type { AtelierDatabase } from '../schema/database.js'

const PARAM = Symbol('atelier.param')

interface Param {
  readonly [PARAM]: string
}

const isParam = (value: unknown): value is Param =>
  typeof value === 'object' && value !== null && PARAM in value

/**
 * A named placeholder for a query that is built and compiled once, then run with new values.
 * It is typed as `T` so Kysely's builder accepts it where a value goes.
 *
 * @example
 * db.selectFrom('projects').selectAll().where('id', '=', param('id'))
 */
export function param<T = string>(name: string): T {
  return { [PARAM]: name } as T
}

/**
 * A LIMIT written into the SQL rather than bound: SQLite treats a bound LIMIT as able to change
 * the plan and re-prepares the statement on every bind (about 20 µs, ten times the query).
 * Queries key their cache entry by the value; the values used are few.
 *
 * @example
 * db.selectFrom('projects').selectAll().limit(literalLimit(21))
 */
export function literalLimit(limit: number): RawBuilder<number> {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new AtelierError('invalid_input', `limit must be a whole number >= 0, not ${limit}`, {
      fields: [{ path: 'limit', message: 'must be a whole number >= 0' }],
    })
  }
  return sql.lit(limit)
}

/** Values for the placeholders of a query, by name. */
export type Values = Readonly<Record<string, unknown>>

/** Tables and columns addressed by name at run time; the codecs know their shapes. */
export type LooseDb = Record<string, Record<string, unknown>>

/** A Kysely instance over {@link LooseDb}. */
export type Loose = Kysely<LooseDb>

/** Builds a query from the root Kysely instance, with {@link param} placeholders. */
export type Build = (db: Loose) => Compilable<unknown>

/**
 * Queries compiled once per storage by key, so a repository call costs a parameter binding
 * instead of a Kysely build and compile. On SQLite the driver also reuses the prepared
 * statement of the same SQL text.
 */
export class QueryCache {
  readonly #db: Loose
  readonly #compiled = new Map<string, CompiledQuery>()
  /** Keys are bounded by the code (and by limit values); this only guards against misuse. */
  static readonly MAX = 2_000

  constructor(db: Kysely<AtelierDatabase>) {
    this.#db = db as unknown as Loose
  }

  /**
   * The compiled query for `key`, built on first use. `requires` names placeholders the query
   * must contain (the studio scope), checked once when it is compiled.
   */
  get(key: string, build: Build, requires?: string): CompiledQuery {
    let query = this.#compiled.get(key)
    if (!query) {
      query = build(this.#db).compile()
      if (requires && !query.parameters.some((p) => isParam(p) && p[PARAM] === requires)) {
        throw new Error(`@atelier/sql: query ${key} is not filtered by ${requires}`)
      }
      if (this.#compiled.size >= QueryCache.MAX) this.#compiled.clear()
      this.#compiled.set(key, query)
    }
    return query
  }
}

/** `query` with each placeholder replaced by its value. */
export function bind(query: CompiledQuery, values: Values): CompiledQuery {
  return {
    ...query,
    parameters: query.parameters.map((p) => {
      if (!isParam(p)) return p
      const value = values[p[PARAM]]
      if (value === undefined) throw new Error(`@atelier/sql: no value for ${p[PARAM]}`)
      return value
    }),
  }
}
