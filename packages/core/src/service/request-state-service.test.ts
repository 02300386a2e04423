import { describe, expect, it } from 'vitest'
import { createAtelier } from '../atelier.js'
import { memoryStorage } from '../storage/memory-storage.js'
import type { Storage } from '../storage/storage-port.js'

/** A storage that counts the transactions it runs. */
function counting(inner: Storage, counters?: Storage['counters']) {
  let transactions = 0
  const storage: Storage = {
    ...(counters && { counters }),
    readClientView: (query) => inner.readClientView(query),
    transaction: (fn, options) => {
      transactions++
      return inner.transaction(fn, options)
    },
    close: () => inner.close(),
  }
  return { storage, transactions: () => transactions }
}

describe('requests.beginIdempotent', () => {
  it("now and then deletes the studio's expired keys while claiming a new one", async () => {
    let now = Date.parse('2026-11-22T08:00:00.000Z')
    let prune = false
    const storage = memoryStorage()
    const atelier = createAtelier({
      storage,
      clock: () => new Date(now),
      // The one-byte draw decides pruning (0: prune); everything else is truly random.
      random: (n) =>
        n === 1 ? Uint8Array.of(prune ? 0 : 1) : crypto.getRandomValues(new Uint8Array(n)),
    })
    const studio = await atelier.studios.create({ name: 'Studio' })
    const claim = (key: string) => atelier.requests.beginIdempotent(studio.id, key, 'f', 60_000)
    const stored = () =>
      storage.transaction(async (tx) => {
        const s = tx.scoped(studio.id)
        const rows = await Promise.all(['a', 'b', 'c'].map((k) => s.idempotency.get(k)))
        return rows.flatMap((row) => (row ? [row.key] : []))
      })
    expect(await claim('a')).toEqual({ state: 'new' })
    now += 45_000
    expect(await claim('b')).toEqual({ state: 'new' })
    now += 30_000 // a has expired, b has not
    expect(await claim('c')).toEqual({ state: 'new' })
    expect(await stored()).toEqual(['a', 'b', 'c'])
    await atelier.requests.abandonIdempotent(studio.id, 'c')
    prune = true
    expect(await claim('c')).toEqual({ state: 'new' })
    expect(await stored()).toEqual(['b', 'c'])
  })
})

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
