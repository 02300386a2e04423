import { AtelierError } from '../errors/atelier-error.js'
import type { Table } from './memory-table.js'
import { compareRecordKeys, recordKey } from './record-kinds.js'
import type { RecordKind, ScopedRepositories, StudioRecordKinds } from './storage-port.js'

/** The memory storage's tables, one per record kind. */
export type RecordTables = { [K in RecordKind]: Table<StudioRecordKinds[K]> }

/** Where a row is kept in its memory table: the studio (`''` for lookups) and the row key. */
function placeOf(kind: RecordKind, studio: string, row: object): [string, string] {
  if (kind === 'lookups') return ['', (row as { key: string }).key]
  return [studio, recordKey(kind, row as never).join('/')]
}

/**
 * The `records` repository of one studio over the memory storage's tables: pages sorted by
 * record key, inserts of rows exactly as given.
 *
 * @example
 * const records = memoryRecords(tables, studioId)
 * const { rows } = await records.page('projects', undefined, 100)
 */
export function memoryRecords(tables: RecordTables, studio: string): ScopedRepositories['records'] {
  const rowsOf = <K extends RecordKind>(kind: K): StudioRecordKinds[K][] => {
    const table = tables[kind] as Table<StudioRecordKinds[K]>
    return kind === 'lookups'
      ? table.filter('', (r) => (r as { studioId: string }).studioId === studio)
      : table.filter(studio, () => true)
  }
  return {
    async page(kind, cursor, limit) {
      const after = cursor === undefined ? undefined : (JSON.parse(cursor) as (string | number)[])
      const keyed = rowsOf(kind)
        .map((row) => ({ row, key: recordKey(kind, row) }))
        .filter(({ key }) => after === undefined || compareRecordKeys(key, after) > 0)
        .sort((a, b) => compareRecordKeys(a.key, b.key))
        .slice(0, limit)
      const last = keyed.at(-1)
      return {
        rows: keyed.map(({ row }) => row),
        ...(last && keyed.length === limit && { next: JSON.stringify(last.key) }),
      }
    },
    async insert(kind, rows) {
      const table = tables[kind] as Table<object>
      for (const row of rows) {
        if ('studioId' in row && row.studioId !== studio) {
          throw new AtelierError('forbidden', `a ${kind} row of another studio cannot be written`)
        }
        const [scope, key] = placeOf(kind, studio, row)
        table.insert(scope, key, row)
      }
    },
  }
}
