import { runStorageContract } from '@atelier/core/testing'
import { describe, expect, it } from 'vitest'
import { openSqlite } from '../src/index.js'
import { tempFolder } from './temp.js'

const temp = tempFolder()

runStorageContract({ name: 'sqlite file', create: () => openSqlite(temp.file('contract.db')) })
runStorageContract({
  name: 'sqlite file, synchronous NORMAL',
  create: () => openSqlite(temp.file('normal.db'), { synchronous: 'NORMAL' }),
})
runStorageContract({ name: 'sqlite :memory:', create: () => openSqlite(':memory:') })

describe('rate-limit counters on SQLite', () => {
  it('stay in process memory: counting a request writes nothing to the file', async () => {
    const storage = await openSqlite(temp.file('counters.db'))
    try {
      const hit = () => storage.transaction((tx) => tx.counters.hit('key:abc', 60_000))
      expect([await hit(), await hit(), await hit()]).toEqual([1, 2, 3])
      const rows = storage.database.prepare('select count(*) as n from counters').get() as {
        n: number
      }
      expect(rows.n).toBe(0)
    } finally {
      await storage.close()
    }
  })
})
