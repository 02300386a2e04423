import { describe, expect, it } from 'vitest'
import { createAtelier } from '../atelier.js'
import { memoryStorage } from '../storage/memory-storage.js'
import type { Storage } from '../storage/storage-port.js'

/** A storage that counts the transactions it runs. */
function counting(inner: Storage, counters?: Storage['counters']) {
  let transactions = 0
  const storage: Storage = {
    ...(counters && { counters }),
    transaction: (fn, options) => {
      transactions++
      return inner.transaction(fn, options)
    },
    close: () => inner.close(),
  }
  return { storage, transactions: () => transactions }
}

describe('requests.hit', () => {
  const clock = () => new Date('2026-11-22T08:00:30.000Z')

  it('counts in a transaction when the storage has no counters of its own', async () => {
    const { storage, transactions } = counting(memoryStorage())
    const atelier = createAtelier({ storage, clock })
    expect((await atelier.requests.hit('cred:a', 60_000)).count).toBe(1)
    expect(await atelier.requests.hit('cred:a', 60_000)).toEqual({
      count: 2,
      resetAt: Date.parse('2026-11-22T08:01:00.000Z'),
    })
    expect(transactions()).toBe(2)
  })

  it("uses the storage's own counters without opening a transaction", async () => {
    const windows = new Map<string, number>()
    const own: Storage['counters'] = {
      hit: async (key, windowStart) => {
        const count = (windows.get(`${key}@${windowStart}`) ?? 0) + 1
        windows.set(`${key}@${windowStart}`, count)
        return count
      },
      prune: async () => undefined,
    }
    const { storage, transactions } = counting(memoryStorage(), own)
    const atelier = createAtelier({ storage, clock })
    await atelier.requests.hit('cred:a', 60_000)
    expect((await atelier.requests.hit('cred:a', 60_000)).count).toBe(2)
    expect((await atelier.requests.hit('cred:b', 60_000)).count).toBe(1)
    expect(transactions()).toBe(0)
  })
})
