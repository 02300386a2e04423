import { openPostgres, openSqlite, type SqliteStorage, type SqlStorage } from '@atelier/sql'
import { CliError } from './cli-error.js'
import { describeDb, isPostgres } from './config.js'

export type OpenedStorage =
  | { kind: 'sqlite'; storage: SqliteStorage; where: string }
  | { kind: 'postgres'; storage: SqlStorage; where: string }

/**
 * Opens the database and (unless told not to) migrates it: Postgres for a `postgres://` URL, otherwise a SQLite file
 * (created with its folder if missing). Failure is one clear `CliError`, never a stack trace.
 */
export async function openStorage(
  db: string,
  options: { migrate?: boolean } = {},
): Promise<OpenedStorage> {
  const where = describeDb(db)
  try {
    const migrate = options.migrate ?? true
    if (isPostgres(db))
      return { kind: 'postgres', storage: await openPostgres(db, { max: 10, migrate }), where }
    return { kind: 'sqlite', storage: await openSqlite(db, { migrate }), where }
  } catch (error) {
    const reason = error instanceof Error ? error.message || error.name : String(error)
    const code = (error as { code?: string }).code
    throw new CliError(
      `cannot open the database at ${where}: ${reason}${code && !reason.includes(code) ? ` (${code})` : ''}`,
      1,
    )
  }
}
