import { AtelierError } from '@atelier/core'

type DbError = Error & { code?: unknown; errcode?: unknown; constraint?: unknown }

// node:sqlite extended result codes.
const SQLITE_BUSY = [5, 6, 261, 517] // BUSY, LOCKED, BUSY_RECOVERY, BUSY_SNAPSHOT
const SQLITE_FOREIGN_KEY = 787
const SQLITE_UNIQUE = [1555, 2067] // CONSTRAINT_PRIMARYKEY, CONSTRAINT_UNIQUE

/**
 * A database error in Atelier's terms, or the error itself. Concurrency failures become
 * `write_conflict` (the service re-runs the transaction): Postgres serialization failures
 * (40001) and deadlocks (40P01), SQLite busy or locked. A row referring to a parent missing
 * from its studio becomes `not_found`, an unexpected duplicate `conflict`.
 *
 * @example
 * try { await builder.execute(fn) } catch (error) { throw translateError(error) }
 */
export function translateError(error: unknown): unknown {
  if (error instanceof AtelierError || !(error instanceof Error)) return error
  const { code, errcode, constraint } = error as DbError
  const sqlite = code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number'
  const detail = { cause: error }
  if (code === '40001' || code === '40P01' || (sqlite && SQLITE_BUSY.includes(errcode))) {
    return withCause(
      new AtelierError('write_conflict', `a concurrent transaction interfered: ${error.message}`),
      detail,
    )
  }
  if (code === '23503' || (sqlite && errcode === SQLITE_FOREIGN_KEY)) {
    return withCause(
      new AtelierError(
        'not_found',
        `a row refers to a parent that does not exist in its studio (${constraint ?? error.message})`,
      ),
      detail,
    )
  }
  if (code === '23505' || (sqlite && SQLITE_UNIQUE.includes(errcode))) {
    return withCause(new AtelierError('conflict', `duplicate key: ${error.message}`), detail)
  }
  return error
}

function withCause(error: AtelierError, { cause }: { cause: unknown }): AtelierError {
  Object.defineProperty(error, 'cause', { value: cause, enumerable: false })
  return error
}
