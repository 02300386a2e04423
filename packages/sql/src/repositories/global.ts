import { AtelierError, type Studio } from '@atelier/core'
import type { Lookup, StorageTransaction } from '@atelier/core/storage'
import { sql } from 'kysely'
import { EVERY_STUDIO } from '../dialect/postgres-scope.js'
import { decode } from '../rows/codec.js'
import { codecs } from '../rows/codecs.js'
import { toColumn } from '../rows/values.js'
import { prefixEnd } from './prefix-range.js'
import { param } from './prepared.js'
import type { Runner } from './runner.js'
import { versioned } from './versioned.js'

type Global = Pick<StorageTransaction, 'studios' | 'lookups' | 'counters'>

/**
 * Counts one hit of `key` in the window starting at `windowStart` (a new window starts again at
 * 1) and returns the count. `unflushed` (Postgres, run as a statement of its own): the
 * statement's implicit transaction commits without waiting for the WAL flush, so counting a
 * request costs one round trip and no disk wait; a crash may forget the last counts.
 *
 * @example
 * await countHit(runner(cache, db, 'postgres'), 'cred:key_1', windowStart, { unflushed: true })
 */
export async function countHit(
  r: Runner,
  key: string,
  windowStart: number,
  { unflushed = false } = {},
): Promise<number> {
  const [row] = await r.rows(
    unflushed ? 'counters.hit.unflushed' : 'counters.hit',
    (db) => {
      const hit = { key: param('key'), window_start: param<number>('window'), count: 1 }
      const insert = unflushed
        ? db
            .with(
              (cte) => cte('unflushed').materialized(),
              (q) => q.selectNoFrom(sql`set_config('synchronous_commit', 'off', true)`.as('off')),
            )
            .insertInto('counters')
            .columns(['key', 'window_start', 'count'])
            .expression((q) =>
              q
                .selectFrom('unflushed')
                .select([
                  sql`cast(${hit.key} as text)`.as('key'),
                  sql`cast(${hit.window_start} as bigint)`.as('window_start'),
                  sql.lit(1).as('count'),
                ]),
            )
        : db.insertInto('counters').values(hit)
      return insert
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            count: sql`case when counters.window_start = excluded.window_start then counters.count + 1 else 1 end`,
            window_start: sql.ref('excluded.window_start'),
          }),
        )
        .returning('count')
    },
    { key: toColumn('text', key, 'counters.key'), window: windowStart },
  )
  return Number(row!.count)
}

/**
 * The three global tables: studios (the tenants), write-once lookups from public handles to
 * their studio, and fixed-window rate-limit counters. Lookups are read across studios (before a
 * studio is known); a studio's row is read by its id inside that studio, or listed with every
 * other; both are written inside the studio a row names.
 *
 * @example
 * const { studios } = globalRepositories(runner(cache, trx, 'postgres'))
 * const all = await studios.list()
 */
export function globalRepositories(r: Runner): Global {
  return {
    studios: {
      // A studio's row is read and written only inside that studio (row-level security on
      // Postgres), or read by a statement that lists every studio.
      get: (id) => versioned<Studio>(r.within(id), codecs.studios).get(id),
      insert: (row) => versioned<Studio>(r.within(row.id), codecs.studios).insert(row),
      update: (row, expected) =>
        versioned<Studio>(r.within(row.id), codecs.studios).update(row, expected),
      async list() {
        const rows = await r
          .within(EVERY_STUDIO)
          .rows('studios.list', (db) => db.selectFrom('studios').selectAll().orderBy('id'))
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
        const inserted = await r.within(row.studioId).changed(
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
      async list(prefix, limit) {
        if (!Number.isSafeInteger(limit) || limit < 0) {
          throw new AtelierError(
            'invalid_input',
            `limit must be a whole number >= 0, not ${limit}`,
            {
              fields: [{ path: 'limit', message: 'must be a whole number >= 0' }],
            },
          )
        }
        // A range on the key's index (see prefixEnd), not LIKE: that takes the `_` of keys as a
        // wildcard, and SQLite's (case-insensitive) LIKE cannot use the index.
        const from = toColumn('text', prefix, 'lookups.prefix') as string
        const to = prefixEnd(from)
        const rows = await r.rows(
          to === undefined ? 'lookups.list:all' : 'lookups.list',
          (db) => {
            let q = db.selectFrom('lookups').selectAll().where('key', '>=', param('from'))
            if (to !== undefined) q = q.where('key', '<', param('to'))
            return q.orderBy('key').limit(param<number>('limit'))
          },
          { from, limit, ...(to !== undefined && { to }) },
        )
        return rows.map((row) => ({
          key: row.key as string,
          studioId: row.studio_id as string,
          refId: row.ref_id as string,
        }))
      },
    },
    counters: {
      async hit(key, windowStart) {
        return countHit(r, key, windowStart)
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
