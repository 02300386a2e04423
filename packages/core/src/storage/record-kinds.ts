import type { RecordKind, StudioRecordKinds } from './storage-port.js'

/**
 * Every record kind, parents before children: the order an export writes them and an import
 * loads them (a project before its deliverables, a deliverable before its versions).
 *
 * @example
 * for (const kind of recordKinds) console.log(kind, (await repos.records.page(kind, undefined, 1)).rows)
 */
export const recordKinds = Object.keys({
  members: true,
  invitations: true,
  clients: true,
  apiKeys: true,
  clientTokens: true,
  projects: true,
  deliverables: true,
  versions: true,
  rounds: true,
  signoffs: true,
  receipts: true,
  grants: true,
  consents: true,
  audit: true,
  accessLog: true,
  idempotency: true,
  lookups: true,
  // `satisfies` makes a kind added to the port and missing here a compile error.
} satisfies Record<RecordKind, true>) as readonly RecordKind[]

/**
 * A record's key within its studio, as the values its pages sort by: `[id]` for most kinds,
 * `[deliverableId, n]` for file versions, `[projectId, seq]` for audit events, `[key]` for
 * lookups and idempotency records.
 *
 * @example
 * recordKey('audit', event) // ['prj_…', 3]
 */
export function recordKey<K extends RecordKind>(
  kind: K,
  row: StudioRecordKinds[K],
): (string | number)[] {
  const r = row as unknown as Record<string, string | number>
  switch (kind) {
    case 'versions':
      return [r.deliverableId!, r.n!]
    case 'audit':
      return [r.projectId!, r.seq!]
    case 'lookups':
    case 'idempotency':
      return [r.key!]
    default:
      return [r.id!]
  }
}

/**
 * Orders two record keys as the stores do: part by part, text by code unit (the `C` collation
 * on Postgres, `BINARY` on SQLite), numbers by value.
 *
 * @example
 * compareRecordKeys(['prj_a', 2], ['prj_a', 10]) // negative
 */
export function compareRecordKeys(
  a: readonly (string | number)[],
  b: readonly (string | number)[],
): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i]
    const y = b[i]
    if (x === y) continue
    if (x === undefined) return -1
    if (y === undefined) return 1
    if (typeof x === 'number' && typeof y === 'number') return x - y
    return String(x) < String(y) ? -1 : 1
  }
  return 0
}
