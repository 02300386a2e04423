import { expect, it } from 'vitest'
import { onEachDatabase } from './databases.js'

onEachDatabase("the storage's own rate-limit counters", (open, dialect) => {
  it('count per key and window without a transaction of the caller, and prune', async () => {
    const storage = await open()
    const other = await open()
    try {
      const counters = storage.counters!
      expect([await counters.hit('k', 60_000), await counters.hit('k', 60_000)]).toEqual([1, 2])
      expect(await counters.hit('k', 120_000)).toBe(1)
      expect(await counters.hit('other', 120_000)).toBe(1)
      // Postgres shares counts between processes; SQLite keeps them in this process.
      expect(await other.counters!.hit('k', 120_000)).toBe(dialect === 'postgres' ? 2 : 1)
      await counters.prune(120_000)
      expect(await storage.transaction((tx) => tx.counters.hit('k', 120_000))).toBe(
        dialect === 'postgres' ? 3 : 2,
      )
    } finally {
      await storage.close()
      await other.close()
    }
  })
})
