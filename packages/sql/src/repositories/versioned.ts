import { AtelierError } from '@atelier/core'
import type { PageQuery, ProjectChildRepository, VersionedRepository } from '@atelier/core/storage'
import type { SelectQueryBuilder } from 'kysely'
import { type Codec, decode, encode } from '../rows/codec.js'
import { type LooseDb, literalLimit, param } from './prepared.js'
import type { Runner, ScopedRunner } from './runner.js'

type Keyed = { id: string; version: number }

/** The column names of a codec's table, in order: `studio_id` (when scoped), columns, `doc`. */
export function columnsOf(c: Codec, scoped: boolean): string[] {
  return [...(scoped ? ['studio_id'] : []), ...c.columns.map(([, column]) => column), 'doc']
}

/** A placeholder for each column, named after it: the shape `encode` fills. */
export const placeholders = (columns: readonly string[]) =>
  Object.fromEntries(columns.map((column) => [column, param<unknown>(column)]))

/** Whether `r` is bound to a studio. */
const scopeOf = (r: Runner) => (r as Partial<ScopedRunner>).studioId

/**
 * Get and insert of a table keyed by `id` (within the studio when the runner is scoped).
 * Inserts use `on conflict do nothing`, so a duplicate is reported as `conflict` without
 * aborting a Postgres transaction.
 *
 * @example
 * const receipts = keyed<StoredReceipt>(scoped, codecs.receipts)
 */
export function keyed<T extends { id: string }>(
  r: Runner,
  c: Codec,
): { get(id: string): Promise<T | undefined>; insert(row: T): Promise<void> } {
  const t = c.table
  const studioId = scopeOf(r)
  return {
    async get(id) {
      const [row] = await r.rows(
        `${t}.get`,
        (db) => {
          let q = db.selectFrom(t).selectAll()
          if (studioId !== undefined) q = q.where('studio_id', '=', param('studio_id'))
          return q.where('id', '=', param('id'))
        },
        { id },
      )
      return row && decode<T>(c, r.dialect, row)
    },
    async insert(row) {
      const inserted = await r.changed(
        `${t}.insert`,
        (db) =>
          db
            .insertInto(t)
            .values(placeholders(columnsOf(c, studioId !== undefined)))
            .onConflict((oc) => oc.doNothing()),
        encode(c, row, studioId),
      )
      if (inserted === 0) throw new AtelierError('conflict', `${t}: ${row.id} already exists`)
    },
  }
}

/**
 * {@link keyed} plus a compare-and-set update: `update ... where id = ? and version = ?`,
 * true when it wrote.
 *
 * @example
 * const clients = versioned<Client>(scopedRunner(cache, trx, 'sqlite', studioId), codecs.clients)
 */
export function versioned<T extends Keyed>(r: Runner, c: Codec): VersionedRepository<T> {
  const t = c.table
  const studioId = scopeOf(r)
  const keys = studioId !== undefined ? ['studio_id', 'id'] : ['id']
  return {
    ...keyed<T>(r, c),
    async update(row, expectedVersion) {
      // Another studio's row is not in this scope, so there is nothing to compare and set.
      if (studioId !== undefined && (row as { studioId?: string }).studioId !== studioId) {
        return false
      }
      const updated = await r.changed(
        `${t}.update`,
        (db) => {
          const columns = columnsOf(c, studioId !== undefined)
          let q = db.updateTable(t).set(placeholders(columns.filter((k) => !keys.includes(k))))
          for (const key of keys) q = q.where(key, '=', param(key))
          return q.where('version', '=', param('expected_version'))
        },
        { ...encode(c, row, studioId), expected_version: expectedVersion },
      )
      return updated === 1
    },
  }
}

/**
 * A project's children: {@link versioned} plus `listByProject`, oldest first by id.
 *
 * @example
 * const signoffs = child<Signoff>(scoped, codecs.signoffs)
 */
export function child<T extends Keyed>(r: ScopedRunner, c: Codec): ProjectChildRepository<T> {
  return {
    ...versioned<T>(r, c),
    listByProject: (projectId) =>
      list<T>(
        r,
        c,
        `${c.table}.listByProject`,
        (q) => q.where('project_id', '=', param('project')),
        {
          project: projectId,
        },
      ),
  }
}

type Select = SelectQueryBuilder<LooseDb, string, Record<string, unknown>>

/** Rows of the studio's table `c` matching `filter`, oldest first by id. */
export async function list<T>(
  r: ScopedRunner,
  c: Codec,
  key: string,
  filter: (q: Select) => Select,
  values: Record<string, unknown>,
): Promise<T[]> {
  const rows = await r.rows(
    key,
    (db) =>
      filter(
        db.selectFrom(c.table).selectAll().where('studio_id', '=', param('studio_id')),
      ).orderBy('id'),
    values,
  )
  return rows.map((row) => decode<T>(c, r.dialect, row))
}

/** One page, newest first: ids before `cursor`, at most `limit`, narrowed by `filters`. */
export async function page<T>(
  r: ScopedRunner,
  c: Codec,
  query: PageQuery,
  filters: Record<string, string | undefined> = {},
): Promise<T[]> {
  const given = Object.entries(filters).filter(([, v]) => v !== undefined)
  const key = `${c.table}.page:${given.map(([k]) => k).join(',')}:${query.cursor ? 'c' : ''}:${query.limit}`
  const rows = await r.rows(
    key,
    (db) => {
      let q = db.selectFrom(c.table).selectAll().where('studio_id', '=', param('studio_id'))
      for (const [column] of given) q = q.where(column, '=', param(column))
      if (query.cursor) q = q.where('id', '<', param('cursor'))
      return q.orderBy('id', 'desc').limit(literalLimit(query.limit))
    },
    { ...Object.fromEntries(given), cursor: query.cursor },
  )
  return rows.map((row) => decode<T>(c, r.dialect, row))
}
