import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import { dialectOf } from './dialect-of.js'

// Released migrations are frozen: never edit this file; add `0005_...` instead.

// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely
async function up(db: Kysely<any>): Promise<void> {
  // A stored view's `body` becomes the UTF-8 bytes a read sends as they are (reading bytes
  // costs a copy; reading text costs decoding it into a string and encoding it back), and it
  // records `head`, the audit `seq` it was built at: a view is current while the project's
  // chain still ends there, so a change to a project no longer writes a stale marker. Views
  // stored before have no head and are built anew on their next read.
  if (dialectOf(db) === 'postgres') {
    await sql`alter table project_views alter column body type bytea using convert_to(body, 'UTF8')`.execute(
      db,
    )
    await sql`alter table project_views add column head bigint`.execute(db)
    return
  }
  // A strict SQLite table's column keeps its type: the table is made anew with the same rows
  // (bodies as bytes), its key, its foreign key and nothing else.
  await sql`create table project_views_new (
    studio_id text not null,
    project_id text not null,
    viewer text,
    client_id text,
    etag text,
    valid_until text,
    body blob,
    head integer,
    constraint project_views_pk primary key (studio_id, project_id),
    constraint project_views_projects_fk foreign key (studio_id, project_id)
      references projects (studio_id, id) on delete cascade deferrable initially deferred
  ) strict`.execute(db)
  await sql`insert into project_views_new
    select studio_id, project_id, viewer, client_id, etag, valid_until, cast(body as blob), null
    from project_views`.execute(db)
  await sql`drop table project_views`.execute(db)
  await sql`alter table project_views_new rename to project_views`.execute(db)
}

/** `0004_project_view_bytes`: stored client views kept as UTF-8 bytes, with their audit head. */
export const projectViewBytes: Migration = { up }
