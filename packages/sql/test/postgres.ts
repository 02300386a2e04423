import pg from 'pg'
import { afterAll } from 'vitest'
import { grantAppRole, openPostgres, type PostgresOptions } from '../src/index.js'

/** The test server, from `ATELIER_TEST_DATABASE_URL`; Postgres suites are skipped without it. */
export const postgresUrl = process.env.ATELIER_TEST_DATABASE_URL

/** The role the storage tests run as: the one `grantAppRole` makes, under row-level security. */
export const APP_ROLE = 'atelier_app'

/**
 * `url` connecting as `role`: the connection starts with `SET ROLE` (the `options` startup
 * parameter), so a superuser test URL serves as the restricted role, as `atelier serve` would.
 */
export function asRole(url: string, role = APP_ROLE): string {
  const u = new URL(url)
  u.searchParams.set('options', `-c role=${role}`)
  return u.toString()
}

/**
 * A schema of its own for this test file (so runs never collide), dropped after the file's
 * tests. `open()` connects a storage to it as the server's restricted role (the schema migrated
 * and granted by the owner first), so every suite runs behind row-level security;
 * `openAsOwner()` connects as the test URL's role; `query()` runs SQL in it as that role.
 */
export function testSchema(label: string) {
  const schema = `atelier_test_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const admin = () => new pg.Client({ connectionString: postgresUrl })
  let ready: Promise<void> | undefined
  const prepare = () => {
    ready ??= (async () => {
      const owner = await openPostgres(postgresUrl!, { schema, max: 1 })
      try {
        await grantAppRole(owner.db, { role: APP_ROLE })
      } finally {
        await owner.close()
      }
    })()
    return ready
  }
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
    async open(options: PostgresOptions = {}) {
      await prepare()
      return openPostgres(asRole(postgresUrl!), { schema, max: 4, ...options })
    },
    openAsOwner: (options: PostgresOptions = {}) =>
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
