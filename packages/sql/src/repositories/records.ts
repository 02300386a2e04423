import { AtelierError } from '@atelier/core'
import type { Lookup, RecordKind, ScopedRepositories } from '@atelier/core/storage'
import { recordKey } from '@atelier/core/storage'
import { sql } from 'kysely'
import { type Codec, decode, encode } from '../rows/codec.js'
import { codecs } from '../rows/codecs.js'
import { toColumn } from '../rows/values.js'
import { literalLimit, param } from './prepared.js'
import type { ScopedRunner } from './runner.js'
import { columnsOf } from './versioned.js'

type Row = Record<string, unknown>

/** How one kind's rows are stored: its table, key columns (the page order), and row mapping. */
interface Stored {
  table: string
  key: readonly string[]
  columns: readonly string[]
  encode(row: object, studioId: string): Row
  decode(row: Row, r: ScopedRunner): unknown
}

const byCodec = (c: Codec, key: readonly string[]): Stored => ({
  table: c.table,
  key,
  columns: columnsOf(c, true),
  encode: (row, studioId) => encode(c, row, studioId),
  decode: (row, r) => decode(c, r.dialect, row),
})

const lookups: Stored = {
  table: 'lookups',
  key: ['key'],
  columns: ['studio_id', 'key', 'ref_id'],
  encode(row, studioId) {
    const { key, studioId: owner, refId } = row as Lookup
    if (owner !== studioId) {
      throw new AtelierError(
        'forbidden',
        `a lookup of studio ${owner} cannot be written in studio ${studioId}`,
      )
    }
    return {
      studio_id: studioId,
      key: toColumn('text', key, 'lookups.key'),
      ref_id: toColumn('text', refId, 'lookups.refId'),
    }
  },
  decode: (row) => ({
    key: row.key as string,
    studioId: row.studio_id as string,
    refId: row.ref_id as string,
  }),
}

const stored: Record<RecordKind, Stored> = {
  members: byCodec(codecs.members, ['id']),
  invitations: byCodec(codecs.invitations, ['id']),
  clients: byCodec(codecs.clients, ['id']),
  apiKeys: byCodec(codecs.apiKeys, ['id']),
  clientTokens: byCodec(codecs.clientTokens, ['id']),
  projects: byCodec(codecs.projects, ['id']),
  deliverables: byCodec(codecs.deliverables, ['id']),
  versions: byCodec(codecs.versions, ['deliverable_id', 'n']),
  rounds: byCodec(codecs.rounds, ['id']),
  signoffs: byCodec(codecs.signoffs, ['id']),
  receipts: byCodec(codecs.receipts, ['id']),
  grants: byCodec(codecs.grants, ['id']),
  consents: byCodec(codecs.consents, ['id']),
  audit: byCodec(codecs.audit, ['project_id', 'seq']),
  accessLog: byCodec(codecs.accessLog, ['id']),
  idempotency: byCodec(codecs.idempotency, ['key']),
  lookups,
}

/** Rows per INSERT: a power of two, so each kind compiles at most eight statements. */
const MAX_ROWS = 128

/**
 * The `records` repository of one studio: pages in primary-key order (a keyset, so a page
 * costs the same at the end of a large studio as at its start) and multi-row inserts of rows
 * exactly as given, through the same row codecs and checks as every repository.
 *
 * @example
 * const { rows, next } = await records(scoped).page('audit', undefined, 500)
 */
export function records(r: ScopedRunner): ScopedRepositories['records'] {
  return {
    async page(kind, cursor, limit) {
      const s = stored[kind]
      const after = cursor === undefined ? undefined : (JSON.parse(cursor) as unknown[])
      if (after && after.length !== s.key.length) {
        throw new AtelierError('invalid_input', `not a cursor of ${kind}: ${cursor}`)
      }
      const rows = await r.rows(
        `records.page:${kind}:${after ? 'c' : ''}:${limit}`,
        (db) => {
          let q = db.selectFrom(s.table).selectAll().where('studio_id', '=', param('studio_id'))
          if (after) {
            const columns = sql.join(s.key.map((k) => sql.ref(k)))
            const values = sql.join(s.key.map((_, i) => param(`after${i}`)))
            q = q.where(sql<boolean>`(${columns}) > (${values})`)
          }
          for (const k of s.key) q = q.orderBy(k)
          return q.limit(literalLimit(limit))
        },
        Object.fromEntries((after ?? []).map((value, i) => [`after${i}`, value])),
      )
      const out = rows.map((row) => s.decode(row, r)) as never[]
      const last = out.at(-1)
      return {
        rows: out,
        ...(last !== undefined &&
          out.length === limit && { next: JSON.stringify(recordKey(kind, last)) }),
      }
    },
    async insert(kind, rows) {
      const s = stored[kind]
      const encoded = rows.map((row) => s.encode(row, r.studioId))
      for (let i = 0; i < encoded.length; ) {
        let n = MAX_ROWS
        while (n > encoded.length - i) n /= 2
        const chunk = encoded.slice(i, i + n)
        const values: Row = {}
        chunk.forEach((row, j) => {
          for (const column of s.columns) values[`${column}${j}`] = row[column]
        })
        const inserted = await r.changed(
          `records.insert:${kind}:${n}`,
          (db) =>
            db
              .insertInto(s.table)
              .values(
                chunk.map((_, j) =>
                  Object.fromEntries(
                    s.columns.map((column) => [
                      column,
                      // Every row is the runner's studio: the one placeholder it fills.
                      param(column === 'studio_id' ? 'studio_id' : `${column}${j}`),
                    ]),
                  ),
                ),
              )
              .onConflict((oc) => oc.doNothing()),
          values,
        )
        if (inserted !== n) {
          throw new AtelierError(
            'conflict',
            `${s.table}: ${n - inserted} of the rows being written already exist`,
          )
        }
        i += n
      }
    },
  }
}
