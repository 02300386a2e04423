import { sql } from 'kysely'
import type { OpenedStorage } from './open-storage.js'

/**
 * Runs `fn` while no other Atelier process on the same Postgres database runs a function under
 * the same `name`: a session advisory lock, held on one connection of the storage's pool until
 * `fn` settles (and released by Postgres if the process dies). Start-up uses it so that replicas
 * starting at once on an empty database seed one demo studio, not one each. On SQLite, the
 * embedded default of one process, `fn` simply runs.
 *
 * @example
 * await exclusively(opened, 'seed-demo', async () => { if (await isEmpty()) await seed() })
 */
export async function exclusively<T>(
  opened: OpenedStorage,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  if (opened.kind !== 'postgres') return fn()
  const key = `atelier:${name}`
  return opened.storage.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtext(${key}))`.execute(connection)
    try {
      return await fn()
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(connection)
    }
  })
}
