import { type ColumnDataType, type Expression, type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import { dialectOf } from './dialect-of.js'

// Released migrations are frozen: never edit this file; add `0002_...` instead.

type Type = 'text' | 'time' | 'json' | 'int' | 'int64'
/** `name type`, with a trailing `?` on the type when the column is nullable. */
type Column = `${string} ${Type}${'' | '?'}`

interface TableSpec {
  name: string
  columns: Column[]
  key: string[]
  /** Foreign keys, checked at commit: `[columns, table, columns]`. */
  refs?: [string[], string, string[]][]
  indexes?: string[][]
}

const stamps: Column[] = ['created_at time', 'updated_at time', 'version int', 'doc json']
const owner: Column[] = ['studio_id text', 'id text']
const toStudio: [string[], string, string[]] = [['studio_id'], 'studios', ['id']]
const toProject: [string[], string, string[]] = [
  ['studio_id', 'project_id'],
  'projects',
  ['studio_id', 'id'],
]
const byProject = [['studio_id', 'project_id', 'id']]

/** A child of a project: keyed by id, listed by project. */
const child = (name: string, columns: Column[]): TableSpec => ({
  name,
  columns: [...owner, 'project_id text', ...columns, ...stamps],
  key: ['studio_id', 'id'],
  refs: [toProject],
  indexes: byProject,
})

const tables: TableSpec[] = [
  { name: 'studios', columns: ['id text', ...stamps], key: ['id'] },
  { name: 'lookups', columns: ['key text', 'studio_id text', 'ref_id text'], key: ['key'] },
  {
    name: 'counters',
    columns: ['key text', 'window_start int64', 'count int'],
    key: ['key'],
    indexes: [['window_start']],
  },
  { name: 'clients', columns: [...owner, ...stamps], key: ['studio_id', 'id'], refs: [toStudio] },
  {
    name: 'api_keys',
    columns: [
      ...owner,
      'kind text',
      'token_hash text',
      'created_at time',
      'revoked_at time?',
      'version int',
      'doc json',
    ],
    key: ['studio_id', 'id'],
    refs: [toStudio],
  },
  {
    name: 'client_tokens',
    columns: [
      ...owner,
      'client_id text',
      'kind text',
      'token_hash text',
      'created_at time',
      'expires_at time',
      'revoked_at time?',
      'version int',
      'doc json',
    ],
    key: ['studio_id', 'id'],
    refs: [[['studio_id', 'client_id'], 'clients', ['studio_id', 'id']]],
    indexes: [['studio_id', 'client_id', 'id']],
  },
  {
    name: 'projects',
    columns: [...owner, 'client_id text', 'stage text', 'confidentiality text', ...stamps],
    key: ['studio_id', 'id'],
    refs: [[['studio_id', 'client_id'], 'clients', ['studio_id', 'id']]],
    indexes: [
      ['studio_id', 'client_id', 'id'],
      ['studio_id', 'stage', 'id'],
    ],
  },
  child('deliverables', ['kind text', 'visibility text', 'latest_version int']),
  {
    name: 'file_versions',
    columns: [
      'studio_id text',
      'deliverable_id text',
      'n int',
      'project_id text',
      'sha256 text',
      'created_at time',
      'doc json',
    ],
    key: ['studio_id', 'deliverable_id', 'n'],
    refs: [toProject, [['studio_id', 'deliverable_id'], 'deliverables', ['studio_id', 'id']]],
    indexes: [['studio_id', 'project_id', 'deliverable_id', 'n']],
  },
  child('revision_rounds', ['n int', 'status text']),
  child('signoffs', [
    'purpose text',
    'status text',
    'token_hash text',
    'expires_at time',
    'receipt_id text?',
  ]),
  {
    name: 'receipts',
    columns: [...owner, 'project_id text', 'signoff_id text', 'created_at time', 'doc json'],
    key: ['studio_id', 'id'],
    refs: [toProject],
    indexes: byProject,
  },
  child('share_grants', [
    'consent text',
    'nda text',
    'token_hash text',
    'expires_at time',
    'revoked_at time?',
  ]),
  child('portfolio_consents', ['status text', 'signoff_id text']),
  {
    name: 'audit_events',
    columns: [
      'studio_id text',
      'project_id text',
      'seq int',
      'at time',
      'action text',
      'visibility text',
      'prev_hash text',
      'hash text',
      'doc json',
    ],
    key: ['studio_id', 'project_id', 'seq'],
    refs: [toProject],
    indexes: [['studio_id', 'project_id', 'visibility', 'seq']],
  },
  {
    name: 'access_log',
    columns: [...owner, 'project_id text', 'at time', 'action text', 'doc json'],
    key: ['studio_id', 'id'],
    refs: [toProject],
    indexes: byProject,
  },
  {
    name: 'idempotency',
    columns: [
      'studio_id text',
      'key text',
      'fingerprint text',
      'state text',
      'created_at time',
      'expires_at time',
      'doc json',
    ],
    key: ['studio_id', 'key'],
    refs: [toStudio],
  },
]

// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely
async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres'
  const types: Record<Type, ColumnDataType | Expression<unknown>> = {
    // Byte order for text on Postgres, as SQLite's BINARY collation and JavaScript sort it.
    text: pg ? sql`text collate "C"` : 'text',
    time: pg ? 'timestamptz' : 'text',
    json: pg ? 'jsonb' : 'text',
    int: 'integer',
    int64: pg ? 'bigint' : 'integer',
  }
  for (const spec of tables) {
    let table = db.schema.createTable(spec.name)
    for (const column of spec.columns) {
      const [name, declared] = column.split(' ') as [string, string]
      const type = types[declared.replace('?', '') as Type]
      table = table.addColumn(name, type, (c) => (declared.endsWith('?') ? c : c.notNull()))
    }
    table = table.addPrimaryKeyConstraint(`${spec.name}_pk`, spec.key as never)
    for (const [columns, target, targetColumns] of spec.refs ?? []) {
      table = table.addForeignKeyConstraint(
        `${spec.name}_${target}_fk`,
        columns as never,
        target,
        targetColumns,
        (fk) => fk.deferrable().initiallyDeferred(),
      )
    }
    await (pg ? table : table.modifyEnd(sql`strict`)).execute()
    for (const columns of spec.indexes ?? []) {
      const name = `${spec.name}_${columns.filter((c) => c !== 'studio_id').join('_')}_idx`
      await db.schema.createIndex(name).on(spec.name).columns(columns).execute()
    }
  }
}

/** `0001_initial`: every table, key and index of the first release. */
export const initial: Migration = { up }
