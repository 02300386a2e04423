import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAtelier } from '@atelier/core'
import { authTables } from '@atelier/hono'
import { openPostgres, openSqlite, type SqlStorage } from '@atelier/sql'
import { getMigrations } from 'better-auth/db/migration'
import { afterAll, describe, expect, it } from 'vitest'
import { openAuth } from '../src/open-auth.js'
import type { OpenedStorage } from '../src/open-storage.js'
import { postgresSchemaUrl, postgresUrl } from './archive-support.js'

/*
 * Better Auth's own schema check against Atelier's migrations: with the options member sign-in
 * runs with (`openAuth`, as `atelier serve` builds it), Better Auth finds every table and
 * column it needs in a migrated database, on SQLite and on Postgres, and would create or add
 * nothing. The same check on a database without the migrations asks for every table, so the
 * check can tell.
 */

const SECRET = 'auth-schema-test-secret-0123456789-abcdefghijklmnop'
const dirs: string[] = []
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

/** What Better Auth would create and add, given the options memberAuth runs with. */
async function pending(opened: OpenedStorage) {
  const auth = openAuth(
    createAtelier({ storage: opened.storage }),
    opened,
    SECRET,
    'http://127.0.0.1:3030',
  )
  const { toBeCreated, toBeAdded } = await getMigrations(auth.auth.options)
  return {
    created: toBeCreated.map((t) => t.table).sort(),
    added: toBeAdded.map((t) => `${t.table}: ${Object.keys(t.fields).join(', ')}`),
  }
}

const sqlite = async (migrate: boolean): Promise<OpenedStorage> => {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-auth-schema-'))
  dirs.push(dir)
  const file = join(dir, 'atelier.db')
  return { kind: 'sqlite', storage: await openSqlite(file, { migrate }), where: file }
}

const postgres = async (migrate: boolean): Promise<OpenedStorage> => {
  const url = await postgresSchemaUrl(migrate ? 'auth_schema' : 'auth_schema_bare')
  const storage: SqlStorage = await openPostgres(url, { migrate })
  return { kind: 'postgres', storage, where: url }
}

const every = Object.values(authTables).sort()

describe.each([
  { name: 'SQLite', open: sqlite },
  ...(postgresUrl ? [{ name: 'Postgres', open: postgres }] : []),
])("Better Auth's schema against the migrations on $name", ({ open }) => {
  it('finds nothing to create and nothing to add in a migrated database', async () => {
    const opened = await open(true)
    try {
      expect(await pending(opened)).toEqual({ created: [], added: [] })
    } finally {
      await opened.storage.close()
    }
  })

  it('asks for every table in a database without the migrations (the check can tell)', async () => {
    const opened = await open(false)
    try {
      expect((await pending(opened)).created).toEqual(every)
    } finally {
      await opened.storage.close()
    }
  })
})
