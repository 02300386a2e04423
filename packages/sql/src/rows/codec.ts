import { AtelierError } from '@atelier/core'
import type { SqlDialect } from '../schema/dialect-of.js'
import { type ColumnKind, fromColumn, fromJson, toColumn, toJson } from './values.js'

/**
 * How one domain row maps to one table row: the fields that are queried or compared get their
 * own columns; every other field goes into the `doc` JSON column, so absent optional fields
 * stay absent (never `null`) after a round trip.
 */
export interface Codec {
  readonly table: string
  /** The row carries `studioId`, stored in the `studio_id` key column. */
  readonly owned: boolean
  /** Domain field, column name and kind of every column but `studio_id` and `doc`. */
  readonly columns: readonly (readonly [field: string, column: string, kind: ColumnKind])[]
}

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/**
 * Declares a codec: `columns` maps each domain field kept in a column to its kind.
 *
 * @example
 * const clients = codec('clients', true, { id: 'text', createdAt: 'time', version: 'int' })
 */
export function codec(
  table: string,
  owned: boolean,
  columns: Readonly<Record<string, ColumnKind>>,
): Codec {
  return {
    table,
    owned,
    columns: Object.entries(columns).map(([field, kind]) => [field, snake(field), kind] as const),
  }
}

type Row = Record<string, unknown>

/** The table row for a domain row; `studioId` is the scope the row is written in. */
export function encode(c: Codec, row: object, studioId?: string): Row {
  const source = row as Row
  const out: Row = {}
  if (studioId !== undefined) out.studio_id = studioId
  const doc: Row = { ...source }
  if (c.owned) {
    if (source.studioId !== studioId) {
      throw new AtelierError(
        'forbidden',
        `a ${c.table} row of studio ${source.studioId} cannot be written in studio ${studioId}`,
      )
    }
    delete doc.studioId
  }
  for (const [field, column, kind] of c.columns) {
    out[column] = toColumn(kind, source[field], `${c.table}.${field}`)
    delete doc[field]
  }
  out.doc = toJson(doc, `${c.table}.doc`)
  return out
}

/** The domain row for a table row read in `dialect`. */
export function decode<T>(c: Codec, dialect: SqlDialect, record: Row): T {
  const out: Row = c.owned ? { studioId: record.studio_id } : {}
  for (const [field, column, kind] of c.columns) {
    const value = fromColumn(kind, record[column])
    if (value !== undefined) out[field] = value
  }
  Object.assign(out, fromJson(record.doc, dialect))
  return out as T
}
