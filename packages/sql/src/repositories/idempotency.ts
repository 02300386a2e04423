import type { IdempotencyRecord, ScopedRepositories } from '@atelier/core/storage'
import { decode, encode } from '../rows/codec.js'
import { codecs } from '../rows/codecs.js'
import { toColumn } from '../rows/values.js'
import { param } from './prepared.js'
import type { ScopedRunner } from './runner.js'
import { columnsOf, placeholders } from './versioned.js'

const c = codecs.idempotency
const columns = columnsOf(c, true)
const values = placeholders(columns)
const changes = placeholders(columns.filter((k) => k !== 'studio_id' && k !== 'key'))

/**
 * `Idempotency-Key` outcomes of one studio, in the database so several server processes share
 * them.
 *
 * @example
 * if (!(await idempotency(scoped).insert(record))) return 'in flight'
 */
export function idempotency(r: ScopedRunner): ScopedRepositories['idempotency'] {
  const byKey = (db: Parameters<Parameters<ScopedRunner['rows']>[1]>[0]) =>
    db
      .selectFrom(c.table)
      .selectAll()
      .where('studio_id', '=', param('studio_id'))
      .where('key', '=', param('key'))
  return {
    async get(key) {
      const [row] = await r.rows('idempotency.get', byKey, { key })
      return row && decode<IdempotencyRecord>(c, r.dialect, row)
    },
    async insert(row) {
      const inserted = await r.changed(
        'idempotency.insert',
        (db) =>
          db
            .insertInto(c.table)
            .values(values)
            .onConflict((oc) => oc.doNothing()),
        encode(c, row, r.studioId),
      )
      return inserted === 1
    },
    async put(row) {
      await r.changed(
        'idempotency.put',
        (db) =>
          db
            .insertInto(c.table)
            .values(values)
            .onConflict((oc) => oc.columns(['studio_id', 'key']).doUpdateSet(changes)),
        encode(c, row, r.studioId),
      )
    },
    async prune(before) {
      await r.changed(
        'idempotency.prune',
        (db) =>
          db
            .deleteFrom(c.table)
            .where('studio_id', '=', param('studio_id'))
            .where('expires_at', '<', param('before')),
        { before: toColumn('time', before, 'idempotency.expiresAt') },
      )
    },
    async delete(key) {
      await r.changed(
        'idempotency.delete',
        (db) =>
          db
            .deleteFrom(c.table)
            .where('studio_id', '=', param('studio_id'))
            .where('key', '=', param('key')),
        { key },
      )
    },
  }
}
