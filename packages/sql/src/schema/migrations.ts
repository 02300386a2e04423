import { type Kysely, sql } from 'kysely'
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration'
import { initial } from './0001-initial.js'
import { projectViews } from './0002-project-views.js'
import { rowLevelSecurity } from './0003-row-level-security.js'
import { projectViewBytes } from './0004-project-view-bytes.js'
import { studiosOwnRow } from './0005-studios-own-row.js'
import { members } from './0006-members.js'
import { accounts } from './0007-accounts.js'
import { dialectOf } from './dialect-of.js'

/**
 * Every migration of `@atelier/sql`, by name, in order. Released migrations are frozen; a
 * schema change is a new entry.
 *
 * @example
 * Object.keys(migrations) // ['0001_initial', …, '0006_members', '0007_accounts']
 */
export const migrations: Readonly<Record<string, Migration>> = Object.freeze({
  '0001_initial': initial,
  '0002_project_views': projectViews,
  '0003_row_level_security': rowLevelSecurity,
  '0004_project_view_bytes': projectViewBytes,
  '0005_studios_own_row': studiosOwnRow,
  '0006_members': members,
  '0007_accounts': accounts,
})

/**
 * The in-code migration provider: no files to ship or find at run time.
 *
 * @example
 * const migrator = new Migrator({ db, provider: migrationProvider })
 */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
}

/**
 * What {@link migrateToLatest} did.
 *
 * @example
 * const report: MigrationReport = await migrateToLatest(db) // { applied: [] } when current
 */
export interface MigrationReport {
  /** Names of the migrations this call applied, in order; empty when already up to date. */
  applied: string[]
}

/**
 * Brings the schema to the latest version. Safe to call on every start and from several
 * processes at once: migrations run one at a time under a lock, and a second call is a no-op.
 * Its bookkeeping tables are `atelier_migration` and `atelier_migration_lock`, apart from any
 * Kysely migrations of the host application.
 *
 * @example
 * const { applied } = await migrateToLatest(db)
 * if (applied.length) console.log('migrated:', applied.join(', '))
 */
// biome-ignore lint/suspicious/noExplicitAny: runs on any Kysely instance over Atelier's tables
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  if (await upToDate(db)) return { applied: [] }
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName: 'atelier_migration',
    migrationLockTableName: 'atelier_migration_lock',
    // Kysely looks for its tables in every schema unless told which: name the current one,
    // or another schema's bookkeeping would be taken for this one's.
    ...(dialectOf(db) === 'postgres' && { migrationTableSchema: await currentSchema(db) }),
  })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'a migration'
    throw new Error(`@atelier/sql: ${failed} failed: ${(error as Error).message ?? error}`, {
      cause: error,
    })
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}

/**
 * Whether the bookkeeping lists exactly the migrations of this version: then there is nothing to
 * do, and a start-up skips the migrator (its lock and table checks). Anything else (no table
 * yet, a migration to apply, or one this version does not know) goes through the migrator.
 */
// biome-ignore lint/suspicious/noExplicitAny: any Kysely instance
async function upToDate(db: Kysely<any>): Promise<boolean> {
  try {
    const table =
      dialectOf(db) === 'postgres'
        ? sql.id(await currentSchema(db), 'atelier_migration')
        : sql.id('atelier_migration')
    const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(db)
    const known = Object.keys(migrations)
    const done = new Set(rows.map((r) => r.name))
    return done.size === known.length && known.every((name) => done.has(name))
  } catch {
    return false
  }
}

// biome-ignore lint/suspicious/noExplicitAny: any Kysely instance
async function currentSchema(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  if (!rows[0]?.schema) throw new Error('@atelier/sql: no current schema; check the search_path')
  return rows[0].schema
}
