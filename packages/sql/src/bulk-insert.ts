import type {
  AccessLogEntry,
  ApiKey,
  AuditEvent,
  Client,
  ClientToken,
  Deliverable,
  FileVersion,
  Invitation,
  Member,
  PortfolioConsent,
  Project,
  RevisionRound,
  ShareGrant,
  Signoff,
  StoredReceipt,
  Studio,
} from '@atelier/core'
import type { Lookup } from '@atelier/core/storage'
import type { Kysely } from 'kysely'
import { enterStudio } from './dialect/postgres-scope.js'
import type { Codec } from './rows/codec.js'
import { encode } from './rows/codec.js'
import { codecs } from './rows/codecs.js'
import { toColumn } from './rows/values.js'
import { translateError } from './sql-errors.js'
import type { SqlStorage } from './sql-storage.js'

/**
 * Rows for {@link bulkInsert}, named after the storage port's repositories. Every studio-owned
 * row carries its `studioId`, as the repositories expect.
 *
 * @example
 * const rows: BulkRows = { projects: [project], audit: [event1, event2] }
 */
export interface BulkRows {
  studios?: readonly Studio[]
  lookups?: readonly Lookup[]
  members?: readonly Member[]
  invitations?: readonly Invitation[]
  clients?: readonly Client[]
  apiKeys?: readonly ApiKey[]
  clientTokens?: readonly ClientToken[]
  projects?: readonly Project[]
  deliverables?: readonly Deliverable[]
  versions?: readonly FileVersion[]
  rounds?: readonly RevisionRound[]
  signoffs?: readonly Signoff[]
  receipts?: readonly StoredReceipt[]
  grants?: readonly ShareGrant[]
  consents?: readonly PortfolioConsent[]
  audit?: readonly AuditEvent[]
  accessLog?: readonly AccessLogEntry[]
}

/**
 * The tables `bulkInsert` loads, parents first (so the rows of one call read in the order a
 * service would write them).
 */
export const bulkTables = [
  'studios',
  'lookups',
  'members',
  'invitations',
  'clients',
  'apiKeys',
  'clientTokens',
  'projects',
  'deliverables',
  'versions',
  'rounds',
  'signoffs',
  'receipts',
  'grants',
  'consents',
  'audit',
  'accessLog',
] as const satisfies readonly (keyof BulkRows)[]

type Row = Record<string, unknown>

/** Each table row as the repositories write it: the same codecs, the same checks. */
function encoder(table: keyof BulkRows): {
  name: string
  encode: (row: object) => Row
  /** The studio a row belongs to (row-level security on Postgres). */
  studioOf: (row: Row) => string
} {
  if (table === 'lookups') {
    return {
      name: 'lookups',
      studioOf: (row) => row.studio_id as string,
      encode: (row) => {
        const { key, studioId, refId } = row as Lookup
        return {
          key: toColumn('text', key, 'lookups.key'),
          studio_id: toColumn('text', studioId, 'lookups.studioId'),
          ref_id: toColumn('text', refId, 'lookups.refId'),
        }
      },
    }
  }
  const c: Codec = codecs[table]
  return {
    name: c.table,
    studioOf: (row) => (c.owned ? row.studio_id : row.id) as string,
    encode: (row) => encode(c, row, c.owned ? (row as { studioId: string }).studioId : undefined),
  }
}

/** `rows` grouped by studio, in their order within each. */
function byStudio(rows: Row[], studioOf: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>()
  for (const row of rows) {
    const studio = studioOf(row)
    const group = groups.get(studio)
    if (group) group.push(row)
    else groups.set(studio, [row])
  }
  return groups
}

/** Largest number of bound values in one statement (SQLite allows 32766, Postgres 65535). */
const MAX_VALUES = 30_000

/** Inserts `rows` into `table` with multi-row `INSERT`s of at most {@link MAX_VALUES} values. */
async function insertChunked(trx: Kysely<Record<string, Row>>, table: string, rows: Row[]) {
  const perStatement = Math.max(
    1,
    Math.min(1_000, Math.floor(MAX_VALUES / Object.keys(rows[0]!).length)),
  )
  for (let i = 0; i < rows.length; i += perStatement) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + perStatement))
      .execute()
  }
}

/**
 * Writes many rows in one transaction with multi-row `INSERT`s that Kysely compiles from the
 * same row codecs the repositories use, so the rows are exactly what the service would have
 * stored, checked the same way (studio scope, unstorable text, instants), each studio's rows
 * written inside that studio (row-level security on Postgres). Foreign keys are checked at
 * commit. For loading generated or migrated data fast; a duplicate key throws
 * `conflict` and nothing is written.
 *
 * Returns the number of rows written.
 *
 * @example
 * const storage = await openSqlite('bench.db', { synchronous: 'NORMAL' })
 * await bulkInsert(storage, { studios: [studio], clients, projects, audit: events })
 */
export async function bulkInsert(storage: SqlStorage, rows: BulkRows): Promise<number> {
  const db = storage.db as unknown as Kysely<Record<string, Row>>
  const postgres = storage.dialect === 'postgres'
  try {
    return await db.transaction().execute(async (trx) => {
      let written = 0
      for (const table of bulkTables) {
        const given = rows[table]
        if (!given?.length) continue
        const { name, encode, studioOf } = encoder(table)
        const encoded = given.map((row) => encode(row))
        // On Postgres each studio's rows are written inside that studio (row-level security);
        // SQLite has no scope to enter, so its rows go in as few statements as they fit.
        if (!postgres) await insertChunked(trx, name, encoded)
        else {
          for (const [studio, group] of byStudio(encoded, studioOf)) {
            await enterStudio(trx, studio)
            await insertChunked(trx, name, group)
          }
        }
        written += encoded.length
      }
      return written
    })
  } catch (error) {
    throw translateError(error)
  }
}
