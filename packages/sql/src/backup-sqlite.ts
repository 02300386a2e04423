import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { backup, DatabaseSync } from 'node:sqlite'
import { writerLock } from './dialect/writer-lock.js'
import type { SqliteStorage } from './open-sqlite.js'

/**
 * Copies a SQLite database online to `destinationPath` with `node:sqlite`'s backup API and
 * returns the number of pages copied. From an open storage, the copy waits for the transaction
 * in flight and holds writes off while it runs, so it holds exactly the committed state; from a
 * path, it opens its own connection beside whatever process is writing.
 *
 * @example
 * const storage = await openSqlite('data/atelier.db')
 * await backupSqlite(storage, `backups/atelier-${Date.now()}.db`)
 */
export async function backupSqlite(
  source: SqliteStorage | string,
  destinationPath: string,
): Promise<number> {
  mkdirSync(dirname(resolve(destinationPath)), { recursive: true })
  if (typeof source === 'string') {
    const database = new DatabaseSync(source, { readOnly: true, timeout: 5_000 })
    try {
      return await backup(database, destinationPath)
    } finally {
      database.close()
    }
  }
  const release = await writerLock(source.database).acquire()
  try {
    return await backup(source.database, destinationPath)
  } finally {
    release()
  }
}
