import { describe } from 'vitest'
import { openSqlite, type SqlStorage } from '../src/index.js'
import { postgresUrl, testSchema } from './postgres.js'
import { tempFolder } from './temp.js'

/** Opens a fresh, migrated storage on the database under test. */
export type Open = () => Promise<SqlStorage>

/**
 * Declares the same suite on a SQLite file and on Postgres (skipped without
 * `ATELIER_TEST_DATABASE_URL`), each in a database or schema of its own.
 */
export function onEachDatabase(label: string, body: (open: Open, dialect: string) => void): void {
  const temp = tempFolder()
  describe(`${label} · sqlite file`, () => {
    body(() => openSqlite(temp.file('db.sqlite')), 'sqlite')
  })
  describe.skipIf(!postgresUrl)(`${label} · postgres`, () => {
    const db = testSchema(label.replace(/\W+/g, '_').slice(0, 20))
    body(() => db.open(), 'postgres')
  })
}
