import type { DatabaseSync } from 'node:sqlite'
import { Mutex } from './mutex.js'

const byFile = new Map<string, Mutex>()
const byDatabase = new WeakMap<DatabaseSync, Mutex>()

/**
 * The lock every connection to the same database file in this process shares, so there is one
 * writer at a time and a write transaction never spins in SQLite's busy handler (which would
 * block the event loop while the lock holder waits for it). In-memory databases get their own.
 *
 * @example
 * const release = await writerLock(database).acquire()
 * try { database.exec('vacuum') } finally { release() }
 */
export function writerLock(database: DatabaseSync): Mutex {
  const known = byDatabase.get(database)
  if (known) return known
  const file = database.location()
  const lock = (file && byFile.get(file)) || new Mutex()
  if (file) byFile.set(file, lock)
  byDatabase.set(database, lock)
  return lock
}
