import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import { dialectOf } from './dialect-of.js'

// Released migrations are frozen: never edit this file; add `0007_...` instead.

type Type = 'text' | 'time' | 'json' | 'int'

/** `[name, type, nullable]`: the columns of a new table, in order. */
type Column = [string, Type, boolean?]

interface TableSpec {
  name: string
  columns: Column[]
  /** Foreign keys, checked at commit: `[name, columns, table, columns]`. */
  refs: [string, string[], string, string[]][]
  indexes: string[][]
}

const toStudio = (table: string): TableSpec['refs'][number] => [
  `${table}_studios_fk`,
  ['studio_id'],
  'studios',
  ['id'],
]

const tables: TableSpec[] = [
  {
    name: 'members',
    columns: [
      ['studio_id', 'text'],
      ['id', 'text'],
      ['user_id', 'text'],
      ['email', 'text'],
      ['role', 'text'],
      ['created_at', 'time'],
      ['updated_at', 'time'],
      ['removed_at', 'time', true],
      ['version', 'int'],
      ['doc', 'json'],
    ],
    refs: [toStudio('members')],
    indexes: [],
  },
  {
    name: 'invitations',
    columns: [
      ['studio_id', 'text'],
      ['id', 'text'],
      ['email', 'text'],
      ['role', 'text'],
      ['token_hash', 'text'],
      ['created_at', 'time'],
      ['expires_at', 'time'],
      ['accepted_at', 'time', true],
      ['member_id', 'text', true],
      ['revoked_at', 'time', true],
      ['version', 'int'],
      ['doc', 'json'],
    ],
    // An accepted invitation names the member it made, in the same studio (no check while null).
    refs: [
      toStudio('invitations'),
      ['invitations_members_fk', ['studio_id', 'member_id'], 'members', ['studio_id', 'id']],
    ],
    indexes: [],
  },
]

// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely
async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres'
  const types = {
    // Byte order for text on Postgres, as SQLite's BINARY collation and JavaScript sort it.
    text: pg ? sql`text collate "C"` : sql`text`,
    time: pg ? sql`timestamptz` : sql`text`,
    json: pg ? sql`jsonb` : sql`text`,
    int: sql`integer`,
  }
  for (const spec of tables) {
    let table = db.schema.createTable(spec.name)
    for (const [name, type, nullable] of spec.columns) {
      table = table.addColumn(name, types[type], (c) => (nullable ? c : c.notNull()))
    }
    table = table.addPrimaryKeyConstraint(`${spec.name}_pk`, ['studio_id', 'id'] as never)
    for (const [name, columns, target, targetColumns] of spec.refs) {
      table = table.addForeignKeyConstraint(name, columns as never, target, targetColumns, (fk) =>
        fk.deferrable().initiallyDeferred(),
      )
    }
    await (pg ? table : table.modifyEnd(sql`strict`)).execute()
    for (const columns of spec.indexes) {
      const name = `${spec.name}_${columns.filter((c) => c !== 'studio_id').join('_')}_idx`
      await db.schema.createIndex(name).on(spec.name).columns(columns).execute()
    }
  }
  // One live membership per account and studio, even for two joins racing (a person who left
  // may join again: removed rows do not count).
  await sql`create unique index members_user_id_idx on members (studio_id, user_id)
    where removed_at is null`.execute(db)
  // A secret key acts in a role now; every key minted before could do everything, as an owner.
  await sql`alter table api_keys add column role ${types.text}`.execute(db)
  if (!pg) {
    await sql`update api_keys set role = 'owner' where kind = 'secret'`.execute(db)
    return
  }
  // Row-level security hides every row from a statement that sets no studio, the tables' owner
  // included (FORCE): the owner lifts FORCE for this one update. Postgres runs the migrations in
  // one transaction, so no other session ever sees the table unforced.
  await sql`alter table api_keys no force row level security`.execute(db)
  await sql`update api_keys set role = 'owner' where kind = 'secret'`.execute(db)
  await sql`alter table api_keys force row level security`.execute(db)
  // As 0003 did for every studio-owned table: only the rows of the transaction's studio.
  const current = sql`current_setting('atelier.studio_id', true)`
  for (const { name } of tables) {
    await sql`alter table ${sql.table(name)} enable row level security`.execute(db)
    await sql`alter table ${sql.table(name)} force row level security`.execute(db)
    await sql`create policy atelier_studio on ${sql.table(name)}
      using (studio_id = ${current}) with check (studio_id = ${current})`.execute(db)
  }
}

/**
 * `0006_members`: a studio's people (`members`, kept after they leave, with `removed_at`) and
 * its `invitations`, both under row-level security on Postgres like every studio-owned table;
 * `api_keys.role`, the role a secret key acts in, `owner` for the secret keys made before it
 * (a publishable key has none).
 */
export const members: Migration = { up }
