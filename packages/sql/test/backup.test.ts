import { setImmediate as turn } from 'node:timers/promises'
import { fixtures } from '@atelier/core/testing'
import { describe, expect, it } from 'vitest'
import { backupSqlite, openSqlite } from '../src/index.js'
import { tempFolder } from './temp.js'

const temp = tempFolder()

describe('backupSqlite', () => {
  it('copies the committed state, waiting for the transaction in flight', async () => {
    const storage = await openSqlite(temp.file('live.db'))
    const studio = fixtures.studio()
    await storage.transaction((tx) => tx.studios.insert(studio))

    let finish!: () => void
    const gate = new Promise<void>((resolve) => {
      finish = resolve
    })
    const writing = storage.transaction(async (tx) => {
      await tx.lookups.insert({ key: 'receipt:late', studioId: studio.id, refId: 'rct_late' })
      await gate
    })
    await turn()
    let copied = false
    const copy = temp.file('copy.db')
    const backup = backupSqlite(storage, copy).then((pages) => {
      copied = true
      return pages
    })
    for (let i = 0; i < 20; i++) await turn()
    expect(copied).toBe(false)
    finish()
    await writing
    expect(await backup).toBeGreaterThan(0)
    await storage.close()

    const restored = await openSqlite(copy)
    expect(await restored.transaction((tx) => tx.studios.get(studio.id))).toEqual(studio)
    expect(await restored.transaction((tx) => tx.lookups.get('receipt:late'))).toMatchObject({
      refId: 'rct_late',
    })
    const [check] = restored.database.prepare('pragma integrity_check').all()
    expect(check).toEqual({ integrity_check: 'ok' })
    await restored.close()
  })

  it('copies a database file by path, beside a process that has it open', async () => {
    const path = temp.file('by-path.db')
    const storage = await openSqlite(path)
    const studio = fixtures.studio()
    await storage.transaction((tx) => tx.studios.insert(studio))
    const copy = temp.file('by-path-copy.db')
    await backupSqlite(path, copy)
    await storage.close()
    const restored = await openSqlite(copy)
    expect(await restored.transaction((tx) => tx.studios.list())).toEqual([studio])
    await restored.close()
  })
})
