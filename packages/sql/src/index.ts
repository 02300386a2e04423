export {
  type AccountRow,
  type AccountRows,
  type AccountSummary,
  type AccountTable,
  accountTables,
  countAccounts,
  createAccountWithoutPassword,
  findAccount,
  readAccounts,
  writeAccounts,
} from './accounts.js'
export { backupSqlite } from './backup-sqlite.js'
export { type BulkRows, bulkInsert, bulkTables } from './bulk-insert.js'
export { NodeSqliteDialect, type NodeSqliteDialectConfig } from './dialect/node-sqlite-dialect.js'
export { enterStudio, STUDIO_SETTING } from './dialect/postgres-scope.js'
export { openPostgres, type PostgresOptions } from './open-postgres.js'
export { openSqlite, type SqliteOptions, type SqliteStorage } from './open-sqlite.js'
export {
  type AppRoleOptions,
  type AppRoleReport,
  grantAppRole,
} from './schema/app-role.js'
export type { AtelierDatabase, Instant, Int64, Json, TableName } from './schema/database.js'
export { dialectOf, type SqlDialect } from './schema/dialect-of.js'
export {
  type MigrationReport,
  migrateToLatest,
  migrationProvider,
  migrations,
} from './schema/migrations.js'
export { type SqlStorage, type SqlStorageOptions, sqlStorage } from './sql-storage.js'
