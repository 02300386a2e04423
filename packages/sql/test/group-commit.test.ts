import { DatabaseSync } from 'node:sqlite'
import { createAtelier } from '@atelier/core'
import { runJourney } from '@atelier/core/testing'
import { CompiledQuery } from 'kysely'
import { describe, expect, it } from 'vitest'
import { NodeSqliteDriver } from '../src/dialect/node-sqlite-driver.js'
import { setWalSync, WalSync, walSyncOf } from '../src/dialect/wal-sync.js'
import { writerLock } from '../src/dialect/writer-lock.js'
import { openSqlite } from '../src/index.js'
import { tempFolder } from './temp.js'

const temp = tempFolder()
const synchronous = (storage: Awaited<ReturnType<typeof openSqlite>>) =>
  storage.database.prepare('pragma synchronous').get()

describe('openSqlite durability settings', () => {
  it('runs FULL as group commit by default: the connection at NORMAL, the storage syncing', async () => {
    const storage = await openSqlite(temp.file('group.db'))
    expect(synchronous(storage)).toEqual({ synchronous: 1 })
    expect(walSyncOf(storage.database)).toBeDefined()
    await storage.close()
  })

  it('leaves syncing to SQLite with groupCommit: false, and for NORMAL', async () => {
    const full = await openSqlite(temp.file('full.db'), { groupCommit: false })
    expect(synchronous(full)).toEqual({ synchronous: 2 })
    expect(walSyncOf(full.database)).toBeUndefined()
    await full.close()
    const normal = await openSqlite(temp.file('normal.db'), { synchronous: 'NORMAL' })
    expect(synchronous(normal)).toEqual({ synchronous: 1 })
    expect(walSyncOf(normal.database)).toBeUndefined()
    await normal.close()
  })

  it('keeps every concurrent write, through the storage and through storage.db', async () => {
    const path = temp.file('concurrent.db')
    const storage = await openSqlite(path)
    const atelier = createAtelier({ storage })
    const journeys = await Promise.all([runJourney(atelier), runJourney(atelier)])
    const scope = journeys[0]!.scope
    const notes = Array.from({ length: 30 }, (_, i) =>
      atelier.projects.addNote(scope, { projectId: journeys[0]!.projectId, text: `note ${i}` }),
    )
    const direct = storage.db
      .updateTable('studios')
      .set({ updated_at: '2026-01-01T00:00:00.000Z' })
      .where('id', '=', journeys[1]!.studioId)
      .execute()
    await Promise.all([...notes, direct])
    await storage.close()
    const reopened = await openSqlite(path)
    const again = createAtelier({ storage: reopened })
    expect(await again.audit.verify(scope, journeys[0]!.projectId)).toMatchObject({ valid: true })
    const chain = await again.audit.list(scope, journeys[0]!.projectId)
    expect(chain.filter((e) => e.action === 'note.added')).toHaveLength(30)
    await reopened.close()
  })
})

describe('NodeSqliteDriver and group commit', () => {
  it('records a commit in the same step as COMMIT, before another read can see it', async () => {
    const file = temp.file('driver.db')
    const database = new DatabaseSync(file)
    database.exec('pragma journal_mode = wal; create table t (id integer primary key)')
    const wal = new WalSync(file)
    setWalSync(database, wal)
    const driver = new NodeSqliteDriver({ database, lock: writerLock(database) })
    await driver.init()
    const connection = await driver.acquireConnection()
    await driver.beginTransaction(connection, {})
    await connection.executeQuery(CompiledQuery.raw('insert into t (id) values (1)'))
    const before = wal.latest
    const committing = driver.commitTransaction(connection)
    // Synchronously after COMMIT ran: a read on another connection (the storage's reader)
    // would already see the row, so it must already count as a commit to wait for.
    expect(database.isTransaction).toBe(false)
    expect(wal.latest).toBe(before + 1)
    await committing
    await driver.releaseConnection()
    await driver.destroy()
    await wal.close()
  })
})
