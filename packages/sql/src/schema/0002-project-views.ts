import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import { dialectOf } from './dialect-of.js'

// Released migrations are frozen: never edit this file; add `0003_...` instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely
async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres'
  const text = pg ? sql`text collate "C"` : sql`text`
  // One row per project: the stored document of its client view (`body`, kept as the JSON text
  // it is sent as), or a stale marker (`body` null) written by every change to the project.
  const table = db.schema
    .createTable('project_views')
    .addColumn('studio_id', text, (c) => c.notNull())
    .addColumn('project_id', text, (c) => c.notNull())
    .addColumn('viewer', text)
    .addColumn('client_id', text)
    .addColumn('etag', text)
    .addColumn('valid_until', text)
    .addColumn('body', text)
    .addPrimaryKeyConstraint('project_views_pk', ['studio_id', 'project_id'])
    .addForeignKeyConstraint(
      'project_views_projects_fk',
      ['studio_id', 'project_id'],
      'projects',
      ['studio_id', 'id'],
      (fk) => fk.onDelete('cascade').deferrable().initiallyDeferred(),
    )
  await (pg ? table : table.modifyEnd(sql`strict`)).execute()
}

/** `0002_project_views`: stored client views of projects, one row per project. */
export const projectViews: Migration = { up }
