import type { StorageTransaction } from '@atelier/core/storage'

/**
 * Rate-limit counters in process memory, for a database only this process writes (SQLite):
 * counting a request then costs no durable write. Same fixed-window semantics as the table.
 *
 * @example
 * const counters = memoryCounters()
 * await counters.hit('key:abc', 60_000) // 1
 */
export function memoryCounters(): StorageTransaction['counters'] {
  const windows = new Map<string, { windowStart: number; count: number }>()
  return {
    async hit(key, windowStart) {
      const current = windows.get(key)
      const count = current?.windowStart === windowStart ? current.count + 1 : 1
      windows.set(key, { windowStart, count })
      return count
    },
    async prune(before) {
      for (const [key, row] of windows) if (row.windowStart < before) windows.delete(key)
    },
  }
}
