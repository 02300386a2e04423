import { openPostgres, openSqlite, type SqliteStorage, type SqlStorage } from '@atelier/sql'
import { sql } from 'kysely'
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
    const opened: OpenedStorage = isPostgres(db)
      ? { kind: 'postgres', storage: await openPostgres(db, { max: 10, migrate }), where }
      : { kind: 'sqlite', storage: await openSqlite(db, { migrate }), where }
    // Without a migration nothing has touched the database yet: make sure it answers.
    if (!migrate) {
      await sql`select 1`.execute(opened.storage.db).catch(async (error: unknown) => {
        await opened.storage.close()
        throw error
      })
    }
    return opened
  } catch (error) {
    const reason = error instanceof Error ? error.message || error.name : String(error)
    const code = (error as { code?: string }).code
    // A role under row-level security cannot migrate: the owner runs `atelier migrate` first.
    const hint = code === '42501' ? '; run `atelier migrate` as the database owner first' : ''
    throw new CliError(
      `cannot open the database at ${where}: ${reason}${code && !reason.includes(code) ? ` (${code})` : ''}${hint}`,
      1,
    )
  }
}
