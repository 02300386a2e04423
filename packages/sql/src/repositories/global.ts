import { AtelierError, type Lookup, type StorageTransaction, type Studio } from '@atelier/core'
import { sql } from 'kysely'
import { decode } from '../rows/codec.js'
import { codecs } from '../rows/codecs.js'
import { toColumn } from '../rows/values.js'
import { param } from './prepared.js'
import type { Runner } from './runner.js'
import { versioned } from './versioned.js'

type Global = Pick<StorageTransaction, 'studios' | 'lookups' | 'counters'>

/**
 * The three global tables: studios (the tenants), write-once lookups from public handles to
 * their studio, and fixed-window rate-limit counters.
 *
 * @example
 * const { studios } = globalRepositories(runner(cache, trx, 'postgres'))
 * const all = await studios.list()
 */
export function globalRepositories(r: Runner): Global {
  return {
    studios: {
      ...versioned<Studio>(r, codecs.studios),
      async list() {
        const rows = await r.rows('studios.list', (db) =>
          db.selectFrom('studios').selectAll().orderBy('id'),
        )
        return rows.map((row) => decode<Studio>(codecs.studios, r.dialect, row))
      },
    },
    lookups: {
      async get(key) {
        const [row] = await r.rows(
          'lookups.get',
          (db) => db.selectFrom('lookups').selectAll().where('key', '=', param('key')),
          { key },
        )
        return (
          row && {
            key: row.key as string,
            studioId: row.studio_id as string,
            refId: row.ref_id as string,
          }
        )
      },
      async insert(row: Lookup) {
        const inserted = await r.changed(
          'lookups.insert',
          (db) =>
            db
              .insertInto('lookups')
              .values({ key: param('key'), studio_id: param('studio'), ref_id: param('ref') })
              .onConflict((oc) => oc.doNothing()),
          {
            key: toColumn('text', row.key, 'lookups.key'),
            studio: toColumn('text', row.studioId, 'lookups.studioId'),
            ref: toColumn('text', row.refId, 'lookups.refId'),
          },
        )
        if (inserted === 0) throw new AtelierError('conflict', `lookup ${row.key} already exists`)
      },
    },
    counters: {
      async hit(key, windowStart) {
        const [row] = await r.rows(
          'counters.hit',
          (db) =>
            db
              .insertInto('counters')
              .values({ key: param('key'), window_start: param<number>('window'), count: 1 })
              .onConflict((oc) =>
                oc.column('key').doUpdateSet({
                  count: sql`case when counters.window_start = excluded.window_start then counters.count + 1 else 1 end`,
                  window_start: sql.ref('excluded.window_start'),
                }),
              )
              .returning('count'),
          { key: toColumn('text', key, 'counters.key'), window: windowStart },
        )
        return Number(row!.count)
      },
      async prune(before) {
        await r.changed(
          'counters.prune',
          (db) => db.deleteFrom('counters').where('window_start', '<', param<number>('before')),
          { before },
        )
      },
    },
  }
}
