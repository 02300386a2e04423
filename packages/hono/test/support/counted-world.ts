import { AsyncLocalStorage } from 'node:async_hooks'
import { memoryStorage } from '@atelier/core'
import type { Storage, StorageTransaction } from '@atelier/core/storage'
import type { AtelierApiOptions } from '../../src/index.js'
import { conformance } from './conformance.js'
import { createMemberWorld, type MemberWorld } from './member-world.js'

/**
 * What one transaction touched: `lookup` only resolved a credential or link (the global
 * `lookups` index and the key or token row it names), `counters` only counted a rate-limit hit,
 * `member` only read who a signed-in account is in its studio (a session's principal), `work`
 * is everything else (the route's own reads and writes).
 */
export type TransactionKind = 'lookup' | 'counters' | 'member' | 'work'

export interface CountedTransaction {
  readOnly: boolean
  kind: TransactionKind
  /** `repository.method` of every storage call it made, e.g. `projects.get`. */
  calls: string[]
}

/** One HTTP request and every storage transaction run on its behalf. */
export interface CountedRequest {
  method: string
  path: string
  /** The operation of /openapi.json it went to; undefined for /openapi.json itself. */
  operationId: string | undefined
  status: number
  transactions: CountedTransaction[]
  /** Rate-limit counter calls through `Storage.counters`, outside any transaction. */
  countersOutside: number
  /** Whether it was signed in by a session cookie (and had no `Authorization`). */
  session: boolean
}

const lookupCalls = new Set(['lookups.get', 'apiKeys.get', 'clientTokens.get'])

function kindOf(calls: Set<string>, readOnly: boolean): TransactionKind {
  const all = [...calls]
  if (all.length > 0 && all.every((c) => c.startsWith('counters.'))) return 'counters'
  if (readOnly && all.length === 1 && all[0] === 'members.byUser') return 'member'
  if (calls.has('lookups.get') && all.every((c) => lookupCalls.has(c))) return 'lookup'
  return 'work'
}

/** A view of `target` whose method calls are recorded as `name.method` in `calls`. */
function recorded<T extends object>(name: string, target: T, calls: Set<string>): T {
  return new Proxy(target, {
    get(t, key) {
      const value = Reflect.get(t, key)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        calls.add(`${name}.${String(key)}`)
        return value.apply(t, args)
      }
    },
  })
}

/** Each repository of `target` (a transaction, or one studio's repositories) recorded. */
function recordedRepositories<T extends object>(target: T, calls: Set<string>): T {
  return new Proxy(target, {
    get(t, key) {
      const value = Reflect.get(t, key)
      return value && typeof value === 'object' ? recorded(String(key), value, calls) : value
    },
  })
}

function recordedTx(tx: StorageTransaction, calls: Set<string>): StorageTransaction {
  const repositories = recordedRepositories(tx, calls)
  return new Proxy(tx, {
    get(t, key) {
      if (key === 'scoped') {
        return (studioId: string) => recordedRepositories(t.scoped(studioId), calls)
      }
      return Reflect.get(repositories, key)
    },
  })
}

/**
 * Wraps a storage so every transaction (and every counter call outside one) is recorded on the
 * request whose async context started it. Work outside a request (seeding) is not recorded.
 *
 * @example
 * const counted = countingStorage(memoryStorage())
 * const atelier = createAtelier({ storage: counted.storage })
 */
export function countingStorage(inner: Storage) {
  const current = new AsyncLocalStorage<CountedRequest>()
  const storage: Storage = {
    ...(inner.counters && {
      counters: {
        hit(key, windowStart) {
          const request = current.getStore()
          if (request) request.countersOutside++
          return inner.counters!.hit(key, windowStart)
        },
        prune: (before) => inner.counters!.prune(before),
      },
    }),
    // One read outside any transaction: counted as the request's read-only work.
    readClientView(query) {
      const request = current.getStore()
      if (!request) return inner.readClientView(query)
      return inner.readClientView(query).finally(() => {
        request.transactions.push({ readOnly: true, kind: 'work', calls: ['readClientView'] })
      })
    },
    transaction(fn, options) {
      const request = current.getStore()
      if (!request) return inner.transaction(fn, options)
      const calls = new Set<string>()
      return inner
        .transaction((tx) => fn(recordedTx(tx, calls)), options)
        .finally(() => {
          request.transactions.push({
            readOnly: !!options?.readOnly,
            kind: kindOf(calls, !!options?.readOnly),
            calls: [...calls],
          })
        })
    },
    close: () => inner.close(),
  }
  return { storage, current }
}

/** A {@link MemberWorld} whose every request is recorded with its transactions. */
export interface CountedWorld extends MemberWorld {
  requests: CountedRequest[]
}

/**
 * `createMemberWorld` over a counting memory storage, with rate limits on (as in production,
 * with limits no test reaches) so counting a hit shows up. Every request to `app` — through
 * `call` or `app.request` — is recorded in `requests`. Member sign-in keeps its accounts and
 * sessions in Better Auth's memory adapter, outside the counted storage.
 *
 * @example
 * const world = countedWorld()
 * await world.call('GET', '/v1/studio', { token })
 * world.requests.at(-1)?.transactions.length
 */
export function countedWorld(options: Partial<AtelierApiOptions> = {}): CountedWorld {
  const counted = countingStorage(memoryStorage())
  const world = createMemberWorld(
    { rateLimit: { max: 1_000_000, anonymousMax: 1_000_000 }, ...options },
    { storage: counted.storage },
  )
  const { app } = world
  const requests: CountedRequest[] = []
  const document = conformance(app)
  const fetch = app.fetch
  app.fetch = async (request, ...rest) => {
    const url = new URL(request.url)
    const path = `${url.pathname}${url.search}`
    const record: CountedRequest = {
      method: request.method,
      path,
      operationId: undefined,
      status: 0,
      transactions: [],
      countersOutside: 0,
      session: request.headers.has('Cookie') && !request.headers.has('Authorization'),
    }
    const response = await counted.current.run(record, () => fetch(request, ...rest))
    record.status = response.status
    if (url.pathname !== '/openapi.json') {
      record.operationId = (await document).operation(request.method, path)?.op.operationId
      requests.push(record)
    }
    return response
  }
  return { ...world, requests }
}
