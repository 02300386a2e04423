import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite'
import type { CompiledQuery, QueryResult } from 'kysely'

type Row = Record<string, unknown>

interface Prepared {
  statement: StatementSync
  /** Builds a row object from the array SQLite returns; undefined for statements without rows. */
  row?: (values: unknown[]) => Row
}

/** `node:sqlite` can return rows as arrays (Node 24, 22.16), which is cheaper than objects. */
const arrays = (statement: StatementSync) =>
  typeof (statement as { setReturnArrays?: unknown }).setReturnArrays === 'function'

/** A row builder for fixed column names: every row gets the same shape, so V8 shares it. */
function rowBuilder(names: readonly string[]): (values: unknown[]) => Row {
  return (values) => {
    const row: Row = {}
    for (let i = 0; i < names.length; i++) row[names[i]!] = values[i]
    return row
  }
}

const CONTROL = /^\s*(begin|commit|end|rollback|savepoint|release)\b/i

/**
 * Whether a query may change the database: anything but a select and transaction control
 * (raw SQL counts as a write; a no-op write only costs a wasted log sync).
 *
 * @example
 * writes(CompiledQuery.raw('commit')) // false
 */
export function writes(query: CompiledQuery): boolean {
  const kind = query.query.kind
  return kind !== 'SelectQueryNode' && !(kind === 'RawNode' && CONTROL.test(query.sql))
}

function toSqlite(value: unknown): SQLInputValue {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value === undefined) throw new TypeError('undefined cannot be bound to a SQLite parameter')
  return value as SQLInputValue
}

/**
 * Prepared statements of one `node:sqlite` database, kept by SQL text (least recently used go
 * first), and run synchronously. A statement that yields columns (a select, or a write with
 * `returning`) runs with `all()`, others with `run()`. Rows come back as arrays and are
 * turned into objects with a builder made once per statement.
 *
 * @example
 * const statements = new Statements(database, 256)
 * const { rows } = statements.execute(CompiledQuery.raw('select 1 as one'))
 */
export class Statements {
  readonly #database: DatabaseSync
  readonly #cache = new Map<string, Prepared>()
  readonly #size: number

  constructor(database: DatabaseSync, size = 256) {
    this.#database = database
    this.#size = size
  }

  /** The prepared statement for `sql`, prepared on first use. */
  prepare(sql: string): Prepared {
    let prepared = this.#cache.get(sql)
    if (prepared) {
      this.#cache.delete(sql)
    } else {
      const statement = this.#database.prepare(sql)
      const columns = statement.columns()
      prepared = { statement }
      if (columns.length > 0) {
        if (arrays(statement)) {
          ;(statement as unknown as { setReturnArrays(on: boolean): void }).setReturnArrays(true)
          prepared.row = rowBuilder(columns.map((c) => c.name))
        } else {
          prepared.row = (row) => row as unknown as Row
        }
      }
      if (this.#cache.size >= this.#size) {
        this.#cache.delete(this.#cache.keys().next().value as string)
      }
    }
    this.#cache.set(sql, prepared)
    return prepared
  }

  /** Runs a compiled query now. */
  execute<R>(query: CompiledQuery): QueryResult<R> {
    const { statement, row } = this.prepare(query.sql)
    const parameters = query.parameters.map(toSqlite)
    if (row) {
      const raw = statement.all(...parameters) as unknown as unknown[][]
      const rows = raw.map(row) as R[]
      return query.query.kind === 'SelectQueryNode'
        ? { rows }
        : { rows, numAffectedRows: BigInt(rows.length) }
    }
    const { changes, lastInsertRowid } = statement.run(...parameters)
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) }
  }

  /** Runs a statement without parameters or rows (`begin`, `commit`...). */
  run(sql: string): void {
    this.prepare(sql).statement.run()
  }

  /** Iterates the rows of a compiled query. */
  *iterate<R>(query: CompiledQuery): IterableIterator<R> {
    const { statement, row } = this.prepare(query.sql)
    for (const values of statement.iterate(...query.parameters.map(toSqlite))) {
      yield (row ? row(values as unknown as unknown[]) : values) as R
    }
  }
}
