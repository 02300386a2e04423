import type { ScopedRepositories, Storage, StorageTransaction } from '@atelier/core/storage'
import { bulkTables } from '@atelier/sql'

/** The tables a bulk load writes, as `@atelier/sql`'s `bulkInsert` names them. */
export type RecordedTable = (typeof bulkTables)[number]

/** The final state of every row written through a {@link recordingStorage}, by table and key. */
export type Recorded = Map<RecordedTable, Map<string, Record<string, unknown>>>

type Row = Record<string, unknown>

const keyOf = (table: RecordedTable, row: Row): string => {
  if (table === 'lookups') return row.key as string
  if (table === 'versions') return `${row.deliverableId}/${row.n}`
  if (table === 'audit') return `${row.projectId}/${String(row.seq).padStart(6, '0')}`
  return row.id as string
}

/**
 * Wraps a storage and remembers the last state of every row a committed transaction inserted,
 * updated or appended. The bench drives the real service over `memoryStorage()` through it to
 * record template projects exactly as the service writes them.
 *
 * @example
 * const storage = recordingStorage(memoryStorage())
 * const atelier = createAtelier({ storage })
 * // ... journeys ...
 * storage.recorded.get('audit')
 */
export function recordingStorage(inner: Storage): Storage & { recorded: Recorded } {
  const recorded: Recorded = new Map()
  const save = (pending: [RecordedTable, Row][]) => {
    for (const [table, row] of pending) {
      let rows = recorded.get(table)
      if (!rows) {
        rows = new Map()
        recorded.set(table, rows)
      }
      rows.set(keyOf(table, row), structuredClone(row))
    }
  }
  return {
    recorded,
    close: () => inner.close(),
    readClientView: (query) => inner.readClientView(query),
    async transaction(fn, options) {
      const pending: [RecordedTable, Row][] = []
      const result = await inner.transaction((tx) => fn(recordingTx(tx, pending)), options)
      save(pending)
      return result
    },
  }
}

function recordingTx(tx: StorageTransaction, pending: [RecordedTable, Row][]): StorageTransaction {
  const wrap = <T extends object>(table: RecordedTable, repo: T): T => {
    const out = { ...repo } as Record<string, unknown>
    for (const name of ['insert', 'update', 'append'] as const) {
      const original = (repo as Record<string, unknown>)[name]
      if (typeof original !== 'function') continue
      out[name] = async (row: Row, ...rest: unknown[]) => {
        const result = await original.call(repo, row, ...rest)
        if (result !== false) pending.push([table, row])
        return result
      }
    }
    return out as T
  }
  const scopedTables = bulkTables.filter((t) => t !== 'studios' && t !== 'lookups')
  return {
    ...tx,
    studios: wrap('studios', tx.studios),
    lookups: wrap('lookups', tx.lookups),
    scoped(studioId) {
      const repos = tx.scoped(studioId)
      const out = { ...repos } as Record<string, unknown>
      for (const table of scopedTables) out[table] = wrap(table, repos[table])
      return out as unknown as ScopedRepositories
    },
  }
}
