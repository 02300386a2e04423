import type { Kysely, Transaction } from 'kysely'

/**
 * `trx` as a Kysely instance whose every `transaction()` runs in `trx` itself: so a storage
 * built over it (`sqlStorage`) writes its records in this one transaction, beside the account
 * rows written to `trx` directly, and one COMMIT (or ROLLBACK) covers both.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await sqlStorage(withinTransaction(trx)).transaction(async (tx) => tx.studios.insert(studio))
 * })
 */
export function withinTransaction<D>(trx: Transaction<D>): Kysely<D> {
  const builder = {
    setIsolationLevel: () => builder,
    setAccessMode: () => builder,
    execute: <R>(fn: (t: typeof trx) => Promise<R>) => fn(trx),
  }
  return new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => builder
      const value = Reflect.get(target, property, target)
      // Kysely's methods read private fields: they must run on the transaction itself.
      return typeof value === 'function' ? value.bind(target) : value
    },
  }) as unknown as Kysely<D>
}
