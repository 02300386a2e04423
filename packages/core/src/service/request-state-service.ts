import type { IdempotencyRecord, StorageTransaction } from '../storage/storage-port.js'
import { type Deps, inStudio } from './context.js'

export type IdempotencyBegin =
  | { state: 'new' }
  | { state: 'replay'; response: NonNullable<IdempotencyRecord['response']> }
  | { state: 'in_flight' }
  | { state: 'mismatch' }

/**
 * State adapters keep per request — `Idempotency-Key` outcomes and rate-limit counters — in the
 * same storage as the data, so several server processes sharing one database agree on it.
 */
export function requestStateService(deps: Deps) {
  return {
    /**
     * Claims an idempotency key for a request with the given body fingerprint. A new key is
     * recorded as in flight; a finished one replays; another body under the same key is a
     * mismatch. Expired records are replaced; about one new claim in 256 also deletes the
     * studio's expired records, so the table holds roughly one TTL's worth of keys.
     */
    async beginIdempotent(
      studioId: string,
      key: string,
      fingerprint: string,
      ttlMs: number,
    ): Promise<IdempotencyBegin> {
      return inStudio(deps, studioId, async (ctx) => {
        const row: IdempotencyRecord = {
          key,
          fingerprint,
          state: 'in_flight',
          createdAt: ctx.now,
          expiresAt: new Date(Date.parse(ctx.now) + ttlMs).toISOString(),
        }
        const existing = await ctx.repos.idempotency.get(key)
        if (existing && existing.expiresAt > ctx.now) {
          if (existing.fingerprint !== fingerprint) return { state: 'mismatch' }
          if (existing.state === 'done' && existing.response)
            return { state: 'replay', response: existing.response }
          return { state: 'in_flight' }
        }
        if (existing) await ctx.repos.idempotency.put(row)
        else if (!(await ctx.repos.idempotency.insert(row))) return { state: 'in_flight' }
        if (deps.runtime.random(1)[0] === 0) await ctx.repos.idempotency.prune(ctx.now)
        return { state: 'new' }
      })
    },

    /** Stores the response to replay for a claimed key. */
    async completeIdempotent(
      studioId: string,
      key: string,
      response: NonNullable<IdempotencyRecord['response']>,
    ): Promise<void> {
      await inStudio(deps, studioId, async (ctx) => {
        const row = await ctx.repos.idempotency.get(key)
        if (row) await ctx.repos.idempotency.put({ ...row, state: 'done', response })
      })
    },

    /** Releases a claimed key without a response (the request failed), so a retry runs again. */
    async abandonIdempotent(studioId: string, key: string): Promise<void> {
      await inStudio(deps, studioId, (ctx) => ctx.repos.idempotency.delete(key))
    },

    /**
     * Counts a hit in the current fixed window of `windowMs` for `bucket`, with the storage's
     * own counters when it has them (no transaction per request), else in a transaction.
     */
    async hit(bucket: string, windowMs: number): Promise<{ count: number; resetAt: number }> {
      const now = deps.runtime.clock().getTime()
      const windowStart = now - (now % windowMs)
      const count = async (counters: StorageTransaction['counters']) => {
        if (Math.random() < 0.01) await counters.prune(windowStart - windowMs)
        return counters.hit(bucket, windowStart)
      }
      const own = deps.storage.counters
      const hits = await (own ? count(own) : deps.storage.transaction((tx) => count(tx.counters)))
      return { count: hits, resetAt: windowStart + windowMs }
    },
  }
}
