import pg from 'pg'
import { afterAll } from 'vitest'
import { openPostgres, type PostgresOptions } from '../src/index.js'

/** The test server, from `ATELIER_TEST_DATABASE_URL`; Postgres suites are skipped without it. */
export const postgresUrl = process.env.ATELIER_TEST_DATABASE_URL

/**
 * A schema of its own for this test file (so runs never collide), dropped after the file's
 * tests. `open()` connects a storage to it; `query()` runs SQL in it.
 */
export function testSchema(label: string) {
  const schema = `atelier_test_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const admin = () => new pg.Client({ connectionString: postgresUrl })
  afterAll(async () => {
    if (!postgresUrl) return
    const client = admin()
    await client.connect()
    try {
      await client.query(`drop schema if exists "${schema}" cascade`)
    } finally {
      await client.end()
    }
  })
  return {
    schema,
    open: (options: PostgresOptions = {}) =>
      openPostgres(postgresUrl!, { schema, max: 4, ...options }),
    async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> {
      const client = admin()
      await client.connect()
      try {
        await client.query(`set search_path to "${schema}"`)
        return (await client.query<R>(text, values)).rows
      } finally {
        await client.end()
      }
    },
  }
}
